import 'server-only';
import { ZodError } from 'zod';
import type { PipelineSyncConfig } from '../config/kubernetes-schema';
import { deleteCanaryConfig, findCanaryConfigById, findCanaryConfigByName, insertCanaryConfig, listManagedCanaryConfigs, updateCanaryConfig, type JsonObject } from '../db/canary-configs';
import { ConflictError, formatPath, ValidationError } from '../errors';
import { describeManagedBy, MANAGED_BY_KEY, managedByAuthor, managedByOf, type ManagedBy } from '../pipeline/managed-by';
import { prepareCanaryConfig } from '../services/canary-configs';
import { afterChange, claimOf, refused, sameConfig, specPath, type SyncOutcome } from './pipeline-store';
import type { PipelineResource } from './resource';

/**
 * Makes the application's canary config match one CanaryConfig resource (same rules as pipelines:
 * bound namespace, id = the resource's uid, unchanged resources write nothing). Canary configs keep
 * no revisions; each change bumps the stored version.
 */
export async function saveCanaryConfigResource(account: string, sync: PipelineSyncConfig, res: PipelineResource): Promise<SyncOutcome> {
  const claim = await claimOf(account, sync, res, 'canary configs');
  if (claim.kind === 'refused') return claim;
  const { application } = claim;
  const managedBy: ManagedBy = { kind: 'kubernetes', account, namespace: res.namespace, name: res.name, uid: res.uid };
  const author = managedByAuthor(managedBy, res.manager);
  const existing = await findCanaryConfigById(res.uid);
  if (existing && existing.application !== application) {
    return refused('Synced', 'Conflict', `This resource's canary config belongs to application ${existing.application}; a resource cannot move it to ${application}. Delete the resource and create a new one.`);
  }
  const { application: _app, id: _id, [MANAGED_BY_KEY]: _managed, ...spec } = res.spec;
  const name = typeof spec.name === 'string' && spec.name.trim() ? spec.name : res.name;
  let prepared;
  try {
    prepared = prepareCanaryConfig({ ...spec, name, applications: [application] }, application);
  } catch (err) {
    if (err instanceof ZodError) return refused('Valid', 'Invalid', err.issues.map((i) => `${specPath(formatPath(i.path))}: ${i.message}`).join('\n'));
    if (err instanceof ValidationError) return refused('Valid', 'Invalid', err.issues.length > 0 ? err.issues.map((i) => `${specPath(i.path)}: ${i.message}`).join('\n') : err.message);
    throw err;
  }
  const config: JsonObject = { ...prepared.config, [MANAGED_BY_KEY]: managedBy };
  try {
    if (existing) {
      if (existing.name === prepared.name && sameConfig(existing.config, config)) return { kind: 'saved', id: existing.id, revision: existing.version, change: 'unchanged', warnings: [] };
      const saved = await updateCanaryConfig(existing.id, { name: prepared.name, config, by: author, expectedVersion: existing.version });
      await afterChange(author, 'canaryConfig.kubernetes-apply', saved, res);
      return { kind: 'saved', id: saved.id, revision: saved.version, change: 'updated', warnings: [] };
    }
    const clash = await findCanaryConfigByName(application, prepared.name);
    if (clash) {
      const owner = managedByOf(clash.config);
      return refused('Synced', 'Conflict', `Application ${application} already has a canary config named ${clash.name}, ${owner ? `managed by ${describeManagedBy(owner)}` : 'edited in the browser'}. Give this one another spec.name, or remove the other.`);
    }
    const saved = await insertCanaryConfig({ id: res.uid, application, name: prepared.name, config, by: author });
    await afterChange(author, 'canaryConfig.kubernetes-create', saved, res);
    return { kind: 'saved', id: saved.id, revision: saved.version, change: 'created', warnings: [] };
  } catch (err) {
    if (err instanceof ConflictError) return refused('Synced', 'Conflict', err.message);
    throw err;
  }
}

/** The resource is gone: its canary config goes too (a stage naming it then fails saying so). */
export async function removeCanaryConfigResource(account: string, _sync: PipelineSyncConfig, uid: string): Promise<'deleted' | 'absent'> {
  const record = await findCanaryConfigById(uid);
  const managedBy = record ? managedByOf(record.config) : undefined;
  if (!record || managedBy?.account !== account) return 'absent';
  await deleteCanaryConfig(record.id);
  await afterChange(managedByAuthor(managedBy), 'canaryConfig.kubernetes-delete', record, { ...managedBy, generation: 0 });
  return 'deleted';
}

export async function pruneMissingCanaryConfigs(account: string, sync: PipelineSyncConfig, namespace: string, liveUids: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const record of await listManagedCanaryConfigs(account)) {
    const managedBy = managedByOf(record.config);
    if (!managedBy || managedBy.namespace !== namespace || liveUids.has(managedBy.uid)) continue;
    if ((await removeCanaryConfigResource(account, sync, managedBy.uid)) !== 'absent') removed.push(record.id);
  }
  return removed;
}

import 'server-only';
import type { Principal } from '../auth/permissions';
import type { PipelineSyncConfig } from '../config/kubernetes-schema';
import { findApplication } from '../db/applications';
import { queueCronSync } from '../db/jobs';
import { deletePipeline, findPipeline, findPipelineByName, insertPipeline, listManagedPipelines, updatePipeline, type JsonObject, type PipelineRecord } from '../db/pipelines';
import { recordAudit } from '../db/audit';
import { ConflictError, ValidationError } from '../errors';
import { diffJson } from '../pipeline/json-diff';
import { describeManagedBy, MANAGED_BY_KEY, managedByAuthor, managedByOf, type ManagedBy } from '../pipeline/managed-by';
import { metricsAccountChoice } from '../auth/metrics-accounts';
import { nameOf, preparePipeline } from '../services/pipelines';
import { bindingFor, type PipelineResource } from './resource';

export type SyncOutcome =
  | { kind: 'saved'; id: string; revision: number; stages?: number; change: 'created' | 'updated' | 'unchanged'; warnings: string[] }
  | { kind: 'refused'; condition: 'Valid' | 'Synced'; reason: string; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const refused = (condition: 'Valid' | 'Synced', reason: string, message: string): SyncOutcome => ({ kind: 'refused', condition, reason, message });

/** Keys a resource may not set: the sync owns the id and the source marker. */
function inputOf(res: PipelineResource, application: string, existing: PipelineRecord | undefined): JsonObject {
  const { id: _id, [MANAGED_BY_KEY]: _managed, ...spec } = res.spec;
  const input: JsonObject = { ...spec, application, name: typeof spec.name === 'string' && spec.name.trim() ? spec.name : res.name };
  // Triggers that hold a secret get an id on first save; reuse it so an unchanged resource stays unchanged.
  const stored = Array.isArray(existing?.config.triggers) ? existing.config.triggers : [];
  if (Array.isArray(input.triggers)) {
    input.triggers = input.triggers.map((t: unknown, i) => {
      const old: unknown = stored[i];
      return isRecord(t) && t.id === undefined && isRecord(old) && typeof old.id === 'string' ? { ...t, id: old.id } : t;
    });
  }
  return input;
}

export const specPath = (path: string) => (path ? `spec.${path}` : 'spec');
export const sameConfig = (a: JsonObject, b: JsonObject) => diffJson(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b))).length === 0;

/**
 * Whether the resource may manage what it claims: it names an application, its namespace is bound
 * to that application, and the application exists. Shared by every resource kind the sync keeps.
 */
export async function claimOf(account: string, sync: PipelineSyncConfig, res: PipelineResource, what: string): Promise<Extract<SyncOutcome, { kind: 'refused' }> | { kind: 'claimed'; application: string; binding: NonNullable<ReturnType<typeof bindingFor>> }> {
  const application = typeof res.spec.application === 'string' ? res.spec.application : '';
  if (!application) return { kind: 'refused', condition: 'Valid', reason: 'Invalid', message: 'spec.application: name the Foresail application this belongs to' };
  const binding = bindingFor(sync, res.namespace, application);
  if (!binding) {
    return {
      kind: 'refused',
      condition: 'Synced',
      reason: 'NotBound',
      message: `Namespace ${res.namespace} may not manage ${what} of application ${application}: the pipelineSync bindings of Kubernetes account ${account} do not bind them. Ask a Foresail administrator to bind the namespace, or use your team's namespace.`,
    };
  }
  if (!(await findApplication(application))) return { kind: 'refused', condition: 'Synced', reason: 'UnknownApplication', message: `Application ${application} does not exist in Foresail; create it first.` };
  return { kind: 'claimed', application, binding };
}

/**
 * Makes the application's pipeline match one Pipeline resource (create, or update as a new revision;
 * an unchanged resource writes nothing). Refusals say why in words for the resource's status.
 */
export async function savePipelineResource(account: string, sync: PipelineSyncConfig, res: PipelineResource): Promise<SyncOutcome> {
  const claim = await claimOf(account, sync, res, 'pipelines');
  if (claim.kind === 'refused') return claim;
  const { application, binding } = claim;

  const managedBy: ManagedBy = { kind: 'kubernetes', account, namespace: res.namespace, name: res.name, uid: res.uid };
  const author = managedByAuthor(managedBy, res.manager);
  // The resource acts with its binding's roles: they decide which accounts its stages may name.
  const principal: Principal = { login: managedByAuthor(managedBy), roles: binding.roles, isAdmin: false, canCreateApplications: false };
  const existing = await findPipeline(res.uid);
  if (existing && existing.application !== application) {
    return refused('Synced', 'Conflict', `This resource's pipeline belongs to application ${existing.application}; a resource cannot move its pipeline to ${application}. Delete the resource and create a new one.`);
  }
  let prepared;
  try {
    prepared = await preparePipeline(inputOf(res, application, existing), application, principal, metricsAccountChoice(principal), existing?.config);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    // Paths as Foresail's validator reports them, from the resource's spec (where the author edits).
    const issues = err.issues.length > 0 ? err.issues.map((i) => `${specPath(i.path)}: ${i.message}`) : [err.message];
    return refused('Valid', 'Invalid', issues.join('\n'));
  }
  const warnings = prepared.warnings.map((w) => `${specPath(w.path)}: ${w.message}`);
  const config: JsonObject = { ...prepared.config, id: res.uid, [MANAGED_BY_KEY]: managedBy };
  const stages = Array.isArray(config.stages) ? config.stages.length : 0;
  let name: string;
  try {
    name = nameOf(config);
  } catch (err) {
    if (err instanceof ValidationError) return refused('Valid', 'Invalid', err.message);
    throw err;
  }
  try {
    if (existing) {
      if (existing.name === name && sameConfig(existing.config, config)) return { kind: 'saved', id: existing.id, revision: existing.version, stages, change: 'unchanged', warnings };
      const saved = await updatePipeline(existing.id, existing.version, { name, config, disabled: config.disabled === true, locked: false, by: author, action: 'kubernetes-apply' });
      await afterChange(author, 'pipeline.kubernetes-apply', saved, res);
      return { kind: 'saved', id: saved.id, revision: saved.version, stages, change: 'updated', warnings };
    }
    const clash = await findPipelineByName(application, name);
    if (clash) {
      const owner = managedByOf(clash.config);
      return refused('Synced', 'Conflict', `Application ${application} already has a pipeline named ${clash.name}, ${owner ? `managed by ${describeManagedBy(owner)}` : 'edited in the browser'}. Give this one another spec.name, or remove the other.`);
    }
    const saved = await insertPipeline({ id: res.uid, application, name, config, disabled: config.disabled === true, locked: false, by: author, action: 'kubernetes-create' });
    await afterChange(author, 'pipeline.kubernetes-create', saved, res);
    return { kind: 'saved', id: saved.id, revision: saved.version, stages, change: 'created', warnings };
  } catch (err) {
    // A concurrent save (another resource taking the name, a racing sync) is retried by the next event or resync.
    if (err instanceof ConflictError) return refused('Synced', 'Conflict', err.message);
    throw err;
  }
}

export async function afterChange(actor: string, action: string, record: Pick<PipelineRecord, 'id' | 'application' | 'name'>, res: Pick<PipelineResource, 'namespace' | 'name' | 'generation'>): Promise<void> {
  await recordAudit({ actor, action, targetType: 'pipeline', targetId: record.id, application: record.application, outcome: 'success', details: { name: record.name, resource: `${res.namespace}/${res.name}`, generation: res.generation } });
  await queueCronSync();
}

/** The resource is gone: delete its pipeline (or disable it, by policy). */
export async function removePipelineResource(account: string, sync: PipelineSyncConfig, uid: string): Promise<'deleted' | 'disabled' | 'absent'> {
  const record = await findPipeline(uid);
  const managedBy = record ? managedByOf(record.config) : undefined;
  if (!record || managedBy?.account !== account) return 'absent';
  const actor = managedByAuthor(managedBy);
  if (sync.onDelete === 'disable') {
    if (record.disabled) return 'disabled';
    const saved = await updatePipeline(record.id, record.version, { name: record.name, config: { ...record.config, disabled: true }, disabled: true, locked: false, by: actor, action: 'kubernetes-delete' });
    await afterChange(actor, 'pipeline.kubernetes-disable', saved, { ...managedBy, generation: 0 });
    return 'disabled';
  }
  await deletePipeline(record.id);
  await afterChange(actor, 'pipeline.kubernetes-delete', record, { ...managedBy, generation: 0 });
  return 'deleted';
}

/** After a (re)list: pipelines of resources deleted while nobody watched `namespace` go too. */
export async function pruneMissingResources(account: string, sync: PipelineSyncConfig, namespace: string, liveUids: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const record of await listManagedPipelines(account)) {
    const managedBy = managedByOf(record.config);
    if (!managedBy || managedBy.namespace !== namespace || liveUids.has(managedBy.uid)) continue;
    if ((await removePipelineResource(account, sync, managedBy.uid)) !== 'absent') removed.push(record.id);
  }
  return removed;
}

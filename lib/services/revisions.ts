import 'server-only';
import { findRevision } from '../db/pipelines';
import { NotFoundError } from '../errors';
import type { RevisionDetail } from '../pipeline/api-schemas';
import { diffJson } from '../pipeline/json-diff';
import { changedSecretPaths, maskPipelineSecrets, SECRET_MASK } from '../pipeline/secrets';

export function parseVersion(value: string): number {
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) throw new NotFoundError(`Revision ${value} not found`);
  return version;
}

/**
 * A revision with what changed since the one before it. Old revisions hold old secrets, so both
 * sides are masked; a secret that changed behind equal masks is still listed as changed.
 */
export async function revisionDetail(pipelineId: string, version: number): Promise<RevisionDetail> {
  const revision = await findRevision(pipelineId, version);
  if (!revision) throw new NotFoundError(`Revision ${version} not found`);
  const previous = (version > 1 ? await findRevision(pipelineId, version - 1) : undefined)?.config ?? {};
  const [before, after] = [maskPipelineSecrets(previous), maskPipelineSecrets(revision.config)];
  const changes = diffJson(before, after);
  const listed = new Set(changes.map((c) => c.path));
  for (const path of changedSecretPaths(previous, revision.config)) {
    if (!listed.has(path) && !changes.some((c) => path.startsWith(`${c.path}.`) || path.startsWith(`${c.path}[`))) changes.push({ path, kind: 'changed', before: SECRET_MASK, after: SECRET_MASK });
  }
  return { ...revision, config: after, changes };
}

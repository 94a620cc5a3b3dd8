import 'server-only';
import { findRevision } from '../db/pipelines';
import { NotFoundError } from '../errors';
import type { RevisionDetail } from '../pipeline/api-schemas';
import { diffJson } from '../pipeline/json-diff';

export function parseVersion(value: string): number {
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) throw new NotFoundError(`Revision ${value} not found`);
  return version;
}

/** A revision with what changed since the one before it. */
export async function revisionDetail(pipelineId: string, version: number): Promise<RevisionDetail> {
  const revision = await findRevision(pipelineId, version);
  if (!revision) throw new NotFoundError(`Revision ${version} not found`);
  const previous = version > 1 ? await findRevision(pipelineId, version - 1) : undefined;
  return { ...revision, changes: diffJson(previous?.config ?? {}, revision.config) };
}

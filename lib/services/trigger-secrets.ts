import 'server-only';
import type { SessionUser } from '../auth/principal';
import type { JsonObject, PipelineRecord } from '../db/pipelines';
import { NotFoundError } from '../errors';
import type { ApplicationDto } from '../pipeline/application';
import { savePipelineFor, type PipelineView } from './pipelines';
import type { RequestMeta } from '../request-meta';

/** A trigger by its `id`, or by its position (0-based) for triggers without one. */
function triggerIndex(triggers: unknown[], ref: string): number {
  const byId = triggers.findIndex((t) => typeof t === 'object' && t !== null && (t as { id?: unknown }).id === ref);
  if (byId >= 0) return byId;
  const position = /^\d{1,4}$/.test(ref) ? Number(ref) : -1;
  if (position >= 0 && position < triggers.length) return position;
  throw new NotFoundError(`Trigger ${ref} not found in this pipeline`);
}

/**
 * Replaces one trigger's secret: a new revision like any save (WRITE, and EXECUTE when the trigger
 * is live, as for every trigger change), audited as `pipeline.rotate-secret` with the field's path.
 */
export async function rotateTriggerSecretFor(meta: RequestMeta, user: SessionUser, application: ApplicationDto, record: PipelineRecord, ref: string, secret: string, expectedVersion: number): Promise<PipelineView> {
  const triggers = Array.isArray(record.config.triggers) ? [...(record.config.triggers as unknown[])] : [];
  const index = triggerIndex(triggers, ref);
  triggers[index] = { ...(triggers[index] as JsonObject), secret };
  const { view } = await savePipelineFor(meta, user, application, record, { ...record.config, triggers }, expectedVersion, 'rotate-secret');
  return view;
}

import { createHash } from 'node:crypto';

/**
 * What the simulated build controller writes to a TaskRun's status, as Tekton's controller would: a
 * new run gets `Succeeded=Unknown` (Running) and a start time; `buildMs` later it succeeds with the
 * results Tekton Chains reads (IMAGE_URL, IMAGE_DIGEST). A run without an IMAGE parameter fails, as
 * a real Task needing that parameter would.
 */

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface TaskRunLike {
  metadata?: { name?: string; namespace?: string };
  spec?: { params?: { name?: unknown; value?: unknown }[] };
  status?: { startTime?: string; conditions?: Condition[] };
}

export type TaskRunStatus = Record<string, unknown>;

const param = (run: TaskRunLike, name: string): string | undefined => {
  const value = run.spec?.params?.find((p) => p.name === name)?.value;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** A digest that depends only on what was built, so rebuilding the same commit gives the same one. */
export const imageDigest = (image: string, revision: string): string => `sha256:${createHash('sha256').update(`${image}@${revision}`).digest('hex')}`;

/** The status to write now, or undefined when the run needs nothing (finished, or still building). */
export function nextTaskRunStatus(run: TaskRunLike, nowMs: number, buildMs: number): TaskRunStatus | undefined {
  const now = new Date(nowMs).toISOString();
  const succeeded = run.status?.conditions?.find((c) => c.type === 'Succeeded');
  if (succeeded && succeeded.status !== 'Unknown') return undefined;
  const image = param(run, 'IMAGE');
  if (!image) {
    return {
      startTime: run.status?.startTime ?? now,
      completionTime: now,
      conditions: [{ type: 'Succeeded', status: 'False', reason: 'TaskRunValidationFailed', message: 'missing parameter IMAGE: the build-image Task needs the image to push', lastTransitionTime: now }],
    };
  }
  if (!succeeded || !run.status?.startTime) {
    return { startTime: run.status?.startTime ?? now, conditions: [{ type: 'Succeeded', status: 'Unknown', reason: 'Running', message: 'Not all Steps in the Task have finished executing', lastTransitionTime: now }] };
  }
  if (nowMs - Date.parse(run.status.startTime) < buildMs) return undefined;
  const revision = param(run, 'revision') ?? 'unknown';
  return {
    startTime: run.status.startTime,
    completionTime: now,
    conditions: [{ type: 'Succeeded', status: 'True', reason: 'Succeeded', message: 'All Steps have completed executing', lastTransitionTime: now }],
    results: [
      { name: 'IMAGE_DIGEST', type: 'string', value: imageDigest(image, revision) },
      { name: 'IMAGE_URL', type: 'string', value: image },
    ],
  };
}

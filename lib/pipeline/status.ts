/**
 * Orca's execution and stage statuses and their groupings (shared/reference/spinnaker-model.md §3.3):
 * the one list the engine, the API schemas and the components use. Isomorphic.
 */
export const executionStatuses = ['NOT_STARTED', 'RUNNING', 'PAUSED', 'SUSPENDED', 'SUCCEEDED', 'FAILED_CONTINUE', 'TERMINAL', 'CANCELED', 'REDIRECT', 'STOPPED', 'SKIPPED', 'BUFFERED'] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

const complete = new Set<string>(['SUCCEEDED', 'FAILED_CONTINUE', 'TERMINAL', 'CANCELED', 'STOPPED', 'SKIPPED']);
const halt = new Set<string>(['TERMINAL', 'CANCELED', 'STOPPED']);
const goOn = new Set<string>(['SUCCEEDED', 'FAILED_CONTINUE', 'SKIPPED']);

/** Final: nothing more happens to it (by itself). */
export const isComplete = (status: string): boolean => complete.has(status);
/** Nothing downstream of it may run. */
export const halts = (status: string): boolean => halt.has(status);
/** Downstream stages may start after it. */
export const letsDownstreamRun = (status: string): boolean => goOn.has(status);

/** spin's and Deck's groupings. */
export const successful = ['SUCCEEDED', 'STOPPED', 'SKIPPED'] as const;
export const failed = ['TERMINAL', 'STOPPED', 'FAILED_CONTINUE'] as const;

/** Stage fields the engine itself reads (failure handling, timeouts), from the raw stage context. */

export interface StageOptions {
  failPipeline?: boolean;
  continuePipeline?: boolean;
  completeOtherBranchesThenFail?: boolean;
  timeoutMs?: number;
}

const bool = (v: unknown): boolean | undefined => (v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined);

export function stageOptions(context: Record<string, unknown>): StageOptions {
  const timeout = Number(context.stageTimeoutMs);
  // Orca honours stageTimeoutMs only with overrideTimeout; exports often carry just the value.
  const overrides = bool(context.overrideTimeout) !== false;
  return {
    failPipeline: bool(context.failPipeline),
    continuePipeline: bool(context.continuePipeline),
    completeOtherBranchesThenFail: bool(context.completeOtherBranchesThenFail),
    timeoutMs: overrides && Number.isFinite(timeout) && timeout > 0 ? timeout : undefined,
  };
}

/**
 * Turns what the engine records about a failed stage (Orca's `context.exception` shape:
 * `{ details: { error, errors } }`, or a bare `message` from imported executions) into words a
 * release manager can act on: what happened, what it did to the pipeline, and what usually fixes it.
 */

export interface FailureExplanation {
  /** What went wrong, in the engine's own plain words. */
  summary: string;
  /** What the failure meant for the rest of the pipeline. */
  consequence: string;
  /** A likely fix, when the message matches a known cause. */
  hint?: string;
  /** The raw error details (shown behind a disclosure). */
  raw: string[];
}

interface StageFailureInput {
  type?: string;
  status: string;
  context: Record<string, unknown>;
}

const record = (value: unknown): Record<string, unknown> | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** The error message and detail lines of an Orca-style exception object. */
export function readException(exception: unknown): { error?: string; errors: string[] } {
  const ex = record(exception);
  if (!ex) return { errors: [] };
  const details = record(ex.details);
  const errors = Array.isArray(details?.errors) ? details.errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).filter((e) => e.trim() !== '') : [];
  return { error: text(details?.error) ?? text(ex.message) ?? errors[0], errors };
}

const consequences: Record<string, string> = {
  TERMINAL: 'The stage failed and stopped the pipeline; stages after it did not run.',
  FAILED_CONTINUE: 'The stage failed, but it is set to let the pipeline continue, so later stages ran.',
  STOPPED: 'The stage failed and stopped its branch; other branches were allowed to finish.',
  CANCELED: 'The stage was canceled before it finished.',
};

// Ordered: the first pattern that matches gives the hint.
const hints: [RegExp, string][] = [
  [/^Stopped by /, 'A judge chose Stop at the manual judgment. Re-run the pipeline or restart this stage to ask again.'],
  [/No judgment within/, 'Nobody judged in time. Restart the stage to ask again, or raise its timeout.'],
  [/did not finish within its timeout/, 'The stage ran longer than its timeout. Check what it waits for, or raise the timeout in the stage settings.'],
  [/answered HTTP 5\d\d/, 'The remote service had an internal error. Check that service, then restart the stage.'],
  [/answered HTTP 4\d\d/, 'The remote service refused the request. Check the URL, method, headers and payload in the stage settings.'],
  [/egress|not allowed to reach|is not allowed/i, 'Foresail\'s egress policy blocked the address. Ask an administrator to allow it, or use an allowed URL.'],
  [/expression/i, 'An expression (${…}) could not be evaluated. The expression summary below says which and why.'],
  [/settings are not valid/, 'The stage configuration is invalid for its type. Fix the named field in the pipeline and run it again.'],
  [/cannot run stages of type/, 'Replace this stage with a supported stage type in the pipeline editor.'],
  [/precondition/i, 'A precondition did not hold. Fix what it checks, then restart the stage.'],
  [/Child pipeline/, 'Open the child pipeline\'s execution to see which of its stages failed.'],
  [/ECONNREFUSED|unreachable|timed out|network/i, 'The target could not be reached. Check that it is running and reachable from Foresail, then restart the stage.'],
];

// When the message is the user's own (a precondition's failureMessage), the stage type still says what to do.
const typeHints: Record<string, string> = {
  checkPreconditions: 'A precondition did not hold. Fix what it checks, then restart the stage.',
  pipeline: 'Open the child pipeline\'s execution to see which of its stages failed.',
};

/** Undefined when the stage has not failed and recorded no error. */
export function explainFailure(stage: StageFailureInput): FailureExplanation | undefined {
  const { error, errors } = readException(stage.context.exception);
  const failed = stage.status in consequences;
  if (!error && !failed) return undefined;
  if (!error && stage.status === 'CANCELED') return undefined;
  const summary = error ?? 'The stage failed without recording why.';
  const consequence = consequences[stage.status] ?? 'The stage recorded an error.';
  const hint = (error ? hints.find(([pattern]) => pattern.test(error))?.[1] : undefined) ?? (stage.type ? typeHints[stage.type] : undefined);
  const raw = errors.length > 0 ? errors : error ? [error] : [];
  return { summary, consequence, ...(hint ? { hint } : {}), raw };
}

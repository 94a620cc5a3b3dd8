import 'server-only';
import { parseStageForRun } from '../../pipeline';
import type { StageContext, StageHandler, StageResult, StageView } from '../types';
import { childNames, removalContext, RESTORED, trafficContext, type CanaryReleaseConfig } from './children';

type TrafficHandler = StageHandler<'trafficSplit', unknown>;
type DeleteHandler = StageHandler<'deleteManifest', unknown>;

const MAX_POLLS = 60;

/** Runs another stage type's handler to its end, as the engine would (same services, same permissions). */
async function runChild<T extends 'trafficSplit' | 'deleteManifest'>(
  ctx: StageContext<'canaryRelease', unknown>,
  handler: StageHandler<T, unknown>,
  type: T,
  name: string,
  context: Record<string, unknown>,
): Promise<StageResult<unknown>> {
  const parsed = parseStageForRun({ ...context, type, refId: `${ctx.stage.refId}-cleanup`, name });
  if (!parsed.ok) return { status: 'failed', reason: `${name}: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` };
  const child: StageContext<T, unknown> = { ...ctx, stage: { ...ctx.stage, type, name, config: parsed.stage as StageContext<T, unknown>['stage']['config'] }, state: undefined };
  for (let i = 0; i < MAX_POLLS; i++) {
    const result = await handler.run(child);
    if (result.status !== 'running' && result.status !== 'waiting') return result;
    child.state = result.state;
    await new Promise((r) => setTimeout(r, Math.min(result.status === 'running' ? result.pollAfterMs : 1_000, 1_000)));
  }
  return { status: 'failed', reason: `${name} did not finish` };
}

const childOf = (ctx: StageContext<'canaryRelease', unknown>, name: string): StageView | undefined =>
  ctx.stages.find((s) => s.parentStageId === ctx.stage.id && s.name === name);

/**
 * The cancel routine: whenever the release ends without finishing its own cleanup (a failed step, a
 * failed analysis, a cancel), put traffic back on production and delete baseline and canary. Every
 * step is idempotent, so the engine may run it again after a crash; a failure throws so it is retried.
 * Production itself is never touched here: only the promote step changes it.
 */
export async function cleanUp(ctx: StageContext<'canaryRelease', unknown>, handlers: { trafficSplit: TrafficHandler; deleteManifest: DeleteHandler }): Promise<void> {
  const config: CanaryReleaseConfig = ctx.stage.config;
  const problems: string[] = [];
  // Weights were only changed if the shift step started; restoring a router never touched could add destinations it lacks.
  const shift = childOf(ctx, childNames.shift);
  const restore = childOf(ctx, childNames.restore);
  if (shift && shift.status !== 'NOT_STARTED' && restore?.status !== 'SUCCEEDED') {
    const result = await runChild(ctx, handlers.trafficSplit, 'trafficSplit', childNames.restore, trafficContext(config, RESTORED));
    if (result.status === 'failed') problems.push(result.reason);
  }
  const removed = await runChild(ctx, handlers.deleteManifest, 'deleteManifest', childNames.remove, removalContext(config));
  if (removed.status === 'failed') problems.push(removed.reason);
  if (problems.length > 0) throw new Error(`Cleaning up canary release ${config.production.name} failed: ${problems.join('; ')}`);
  ctx.log.info({ production: config.production.name }, 'canary release cleaned up: traffic restored, baseline and canary deleted');
}

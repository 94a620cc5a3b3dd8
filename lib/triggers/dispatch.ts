import type { TriggerAttemptInput } from '../db/trigger-attempts';
import type { StartOutcome, StartRequest, TriggerSource } from '../engine/start-types';
import type { PipelineDecision } from './evaluate';
import { runAsAuthentication, type RunAuthentication, type ServiceAccount } from './run-as';

/**
 * Turns per-pipeline decisions into starts and trigger-attempt rows. startExecution records its
 * own outcomes; everything that never reaches it (near misses, failed signatures, an event no
 * pipeline watches) is recorded here, so no delivery is dropped without a reason on file.
 */

export interface DispatchDeps {
  start(request: StartRequest): Promise<StartOutcome>;
  record(attempts: TriggerAttemptInput[]): Promise<void>;
  /** The configured service accounts a trigger's runAsUser may name (auth.serviceAccounts). */
  serviceAccounts(): readonly ServiceAccount[];
}

export interface DispatchContext {
  source: Extract<TriggerSource, 'github' | 'docker' | 'webhook'>;
  /** The sender's delivery id (X-GitHub-Delivery, …): a redelivery starts nothing new. */
  deliveryId?: string;
  /** Recorded when no pipeline watches what the event is about, e.g. "no pipeline triggers on acme/web". */
  unwatchedReason: string;
  /** Kept with each recorded attempt (event, repository, branch, …). */
  details: Record<string, unknown>;
}

export type DeliveryOutcome = StartOutcome['kind'] | 'ignored';

export interface DeliveryResult {
  pipelineId: string;
  application: string;
  outcome: DeliveryOutcome;
  executionId?: string;
  reason?: string;
}

export interface DispatchReport {
  results: DeliveryResult[];
  /** Set when no pipeline watches the event at all. */
  message?: string;
}

/**
 * The WebhookDelivery dedupe row is unique per (source, id); one delivery may start several
 * pipelines, so each start carries the delivery id qualified by the pipeline.
 */
export const deliveryKey = (deliveryId: string, pipelineId: string): string => `${deliveryId}:${pipelineId}`;

type Start = Extract<PipelineDecision, { kind: 'start' }>;
type Skip = Exclude<PipelineDecision, Start>;

/** A start whose service account is gone becomes a refusal here, before the engine, with the reason on file. */
function withRunAs(decision: PipelineDecision, accounts: readonly ServiceAccount[]): { start: Start; authentication: RunAuthentication } | { skip: Skip } {
  if (decision.kind !== 'start') return { skip: decision };
  const runAs = runAsAuthentication(decision.trigger, accounts);
  return runAs.ok ? { start: decision, authentication: runAs.authentication } : { skip: { kind: 'refused', pipeline: decision.pipeline, reason: runAs.reason } };
}

export async function dispatch(decisions: readonly PipelineDecision[], context: DispatchContext, deps: DispatchDeps): Promise<DispatchReport> {
  const base = { source: context.source, deliveryId: context.deliveryId ?? null, details: context.details };
  if (decisions.length === 0) {
    await deps.record([{ ...base, outcome: 'ignored', reason: context.unwatchedReason }]);
    return { results: [], message: context.unwatchedReason };
  }
  const accounts = deps.serviceAccounts();
  const checked = decisions.map((d) => withRunAs(d, accounts));
  const skipped = checked.flatMap((c) => ('skip' in c ? [c.skip] : []));
  await deps.record(skipped.map((d) => ({ ...base, application: d.pipeline.application, pipelineId: d.pipeline.id, outcome: d.kind, reason: d.reason })));
  const results = await Promise.all(
    checked.map(async (c): Promise<DeliveryResult> => {
      if ('skip' in c) return { pipelineId: c.skip.pipeline.id, application: c.skip.pipeline.application, outcome: c.skip.kind, reason: c.skip.reason };
      const { start: decision, authentication } = c;
      const who = { pipelineId: decision.pipeline.id, application: decision.pipeline.application };
      const outcome = await deps.start({
        pipelineId: decision.pipeline.id,
        trigger: decision.trigger,
        source: context.source,
        // The trigger's service account (runAsUser), or no person's permissions at all.
        authentication,
        ...(context.deliveryId ? { delivery: { source: context.source, id: deliveryKey(context.deliveryId, decision.pipeline.id) } } : {}),
      });
      return 'executionId' in outcome ? { ...who, outcome: outcome.kind, executionId: outcome.executionId } : { ...who, outcome: outcome.kind, reason: outcome.reason };
    }),
  );
  return { results };
}

import type { Report } from '../issues';
import { isExpression } from '../schema/expression';
import type { PipelineConfig } from '../schema/pipeline';
import { isKnownStage } from '../schema/stages';
import { isFilled } from './required';

export interface PipelineRef {
  id: string;
  name: string;
  application: string;
}

/** Kubernetes account a known stage acts on (runJobManifest may only have the older `credentials`). */
function stageAccount(stage: PipelineConfig['stages'][number]): { key: 'account' | 'credentials'; value: string } | undefined {
  if (!isKnownStage(stage)) return undefined;
  const account: unknown = stage.account;
  if (typeof account === 'string' && isFilled(account)) return { key: 'account', value: account };
  if (stage.type === 'runJobManifest' && isFilled(stage.credentials)) return { key: 'credentials', value: stage.credentials };
  return undefined;
}

/** Accounts named by stages must be configured and usable by the caller (warning: config can change before the run). */
export function checkAccounts(pipeline: PipelineConfig, accounts: readonly string[], report: Report): void {
  const known = new Set(accounts);
  pipeline.stages.forEach((stage, i) => {
    const account = stageAccount(stage);
    if (!account || isExpression(account.value) || known.has(account.value)) return;
    report(['stages', i, account.key], `account "${account.value}" is not configured in Foresail, or you may not use it`, 'warning');
  });
}

/** Stage types whose `canaryConfig.metricsAccountName` names the metrics account they query. */
const CANARY_STAGES = new Set(['kayentaCanary', 'canaryRelease']);

/** The metrics account a canary stage names, from a parsed or a stored (plain JSON) stage. */
export function stageMetricsAccount(stage: unknown): string | undefined {
  if (typeof stage !== 'object' || stage === null) return undefined;
  const { type, canaryConfig } = stage as { type?: unknown; canaryConfig?: unknown };
  if (typeof type !== 'string' || !CANARY_STAGES.has(type) || typeof canaryConfig !== 'object' || canaryConfig === null) return undefined;
  const name = (canaryConfig as { metricsAccountName?: unknown }).metricsAccountName;
  return typeof name === 'string' && name.trim() !== '' ? name : undefined;
}

/** What a person saving a pipeline may name as a canary stage's metrics account. */
export interface MetricsAccountChoice {
  /** Accounts this person may use (READ), plus those the stored version already named. */
  usable: readonly string[];
  /** The account a stage naming none would use: the only one configured, if exactly one is. */
  defaultAccount?: string;
}

/**
 * Canary stages may only name metrics accounts the saver may use: an error, not a warning, because a
 * run queries with the PromQL the pipeline's canary config holds, so naming the account is using it.
 * An unknown and a forbidden name read the same, so account names cannot be probed.
 */
export function checkMetricsAccounts(pipeline: PipelineConfig, choice: MetricsAccountChoice, report: Report): void {
  const usable = new Set(choice.usable);
  const listed = choice.usable.length > 0 ? choice.usable.join(', ') : 'none';
  pipeline.stages.forEach((stage, i) => {
    if (!isKnownStage(stage) || !CANARY_STAGES.has(stage.type)) return;
    const name = stageMetricsAccount(stage);
    if (name !== undefined) {
      if (isExpression(name) || usable.has(name)) return;
      report(['stages', i, 'canaryConfig', 'metricsAccountName'], `"${name}" is not a metrics account you may use (accounts you may use: ${listed})`);
    } else if (choice.defaultAccount !== undefined && !usable.has(choice.defaultAccount)) {
      report(['stages', i, 'canaryConfig', 'metricsAccountName'], `needs a metrics account you may use (accounts you may use: ${listed})`);
    }
  });
}

function describeMissing(pipelines: readonly PipelineRef[], application: string, id: string): string | undefined {
  if (isExpression(id) || isExpression(application)) return undefined;
  const found = pipelines.find((p) => p.id === id);
  if (found) {
    return found.application === application ? undefined : `pipeline "${id}" belongs to application "${found.application}", not "${application}"`;
  }
  const byName = pipelines.find((p) => p.name === id && p.application === application);
  if (byName) return `refers to pipeline "${id}" by name; use its id "${byName.id}" (names can change)`;
  return `no pipeline with id "${id}" exists in application "${application}"`;
}

/** Pipeline stages and pipeline triggers must name existing pipelines (warnings: they may be created later). */
export function checkPipelineRefs(pipeline: PipelineConfig, pipelines: readonly PipelineRef[], report: Report): void {
  pipeline.stages.forEach((stage, i) => {
    if (!isKnownStage(stage) || stage.type !== 'pipeline' || !isFilled(stage.pipeline)) return;
    const problem = describeMissing(pipelines, stage.application, stage.pipeline);
    if (problem) report(['stages', i, 'pipeline'], problem, 'warning');
  });
  pipeline.triggers.forEach((trigger, i) => {
    if (trigger.type !== 'pipeline' || !('pipeline' in trigger)) return;
    const { pipeline: id, application } = trigger;
    if (typeof id !== 'string' || typeof application !== 'string' || !isFilled(id)) return;
    const problem = describeMissing(pipelines, application, id);
    if (problem) report(['triggers', i, 'pipeline'], problem, 'warning');
  });
}

/**
 * A pipeline trigger copies the upstream execution's trigger (parameters, webhook payload) into
 * this pipeline's runs, so saving one needs READ on the upstream application. An application the
 * caller may not read and one that does not exist get the same answer (no existence leak).
 */
export function checkUpstreamRead(pipeline: PipelineConfig, readableApplications: readonly string[], report: Report): void {
  const readable = new Set(readableApplications);
  pipeline.triggers.forEach((trigger, i) => {
    if (trigger.type !== 'pipeline' || !('application' in trigger)) return;
    const { application } = trigger;
    if (typeof application !== 'string' || !isFilled(application) || isExpression(application) || readable.has(application)) return;
    report(['triggers', i, 'application'], `a pipeline trigger needs READ on the upstream application, because its executions' parameters and payloads are copied into this pipeline's runs; you may not read "${application}", or it does not exist`);
  });
}

/** A pipeline stage that runs its own pipeline recurses until something stops it. */
export function checkSelfReference(pipeline: PipelineConfig, report: Report): void {
  if (!isFilled(pipeline.id)) return;
  pipeline.stages.forEach((stage, i) => {
    if (isKnownStage(stage) && stage.type === 'pipeline' && stage.pipeline === pipeline.id) {
      report(['stages', i, 'pipeline'], 'runs this same pipeline, so every run starts another', 'warning');
    }
  });
}

import { checkArtifactReferences, checkExpectedArtifacts } from './checks/artifacts';
import { checkExpressions, checkTemplateBraces, type TemplateChecker } from './checks/expressions';
import { checkNotificationDelivery } from './checks/notifications';
import { checkParameters } from './checks/parameters';
import { checkPipelineFields } from './checks/pipeline';
import { checkAccounts, checkMetricsAccounts, checkPipelineRefs, checkSelfReference, checkUpstreamRead, type MetricsAccountChoice, type PipelineRef } from './checks/references';
import { checkStages } from './checks/stages';
import { checkTriggers } from './checks/triggers';
import { findGraphIssues } from './graph';
import { collectInto, type ValidationIssue } from './issues';
import type { PipelineConfig } from './schema/pipeline';

/** What validation may check against; each part is optional and its checks are skipped without it. */
export interface ValidationContext {
  /** The expression parser's syntax check (checkTemplateSyntax); without it only unclosed `${` is found. */
  checkExpression?: TemplateChecker;
  /** Configured Kubernetes account names; unknown ones are warnings. */
  accounts?: readonly string[];
  /** Existing pipelines; pipeline stages and triggers naming others are warnings. */
  pipelines?: readonly PipelineRef[];
  /** The metrics accounts the person saving may name; others are errors. */
  metricsAccounts?: MetricsAccountChoice;
  /** Applications the caller may read: a pipeline trigger on any other is an error. */
  readableApplications?: readonly string[];
}

/** A checker that turns a crash of the injected parser into a finding instead of a failed save. */
function guarded(check: TemplateChecker): TemplateChecker {
  return (template) => {
    try {
      return check(template);
    } catch (err) {
      return [{ offset: 0, length: template.length, message: `could not be checked (${err instanceof Error ? err.message : String(err)})` }];
    }
  };
}

/**
 * Everything beyond shape, for a parsed (normalised) pipeline: the DAG, each stage's fields by type,
 * parameters, triggers, artifacts, expressions and references. Errors block saving; warnings inform.
 */
export function validatePipeline(pipeline: PipelineConfig, ctx: ValidationContext = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const report = collectInto(issues);
  checkPipelineFields(pipeline, report);
  findGraphIssues(pipeline.stages, report);
  checkStages(pipeline.stages, report);
  checkParameters(pipeline.parameterConfig ?? [], report);
  const artifactIds = checkExpectedArtifacts(pipeline, report);
  checkTriggers(pipeline.triggers, artifactIds.pipeline, report);
  checkArtifactReferences(pipeline, artifactIds, report);
  checkExpressions(pipeline, ctx.checkExpression ? guarded(ctx.checkExpression) : checkTemplateBraces, report);
  if (ctx.accounts) checkAccounts(pipeline, ctx.accounts, report);
  if (ctx.metricsAccounts) checkMetricsAccounts(pipeline, ctx.metricsAccounts, report);
  if (ctx.pipelines) checkPipelineRefs(pipeline, ctx.pipelines, report);
  if (ctx.readableApplications) checkUpstreamRead(pipeline, ctx.readableApplications, report);
  checkSelfReference(pipeline, report);
  checkNotificationDelivery(pipeline, report);
  return issues;
}

import type { ExpressionContext } from '../pipeline/expressions';
import type { ExecutionRow, StageRow } from '../db/engine/rows';
import { letsDownstreamRun } from '../pipeline/status';

/** A stage as expressions see it (`#stage('Deploy').outputs.x`). */
export function stageForExpressions(s: StageRow): Record<string, unknown> {
  return {
    id: s.id,
    refId: s.refId,
    type: s.type,
    name: s.name,
    status: s.status,
    context: s.context,
    outputs: s.outputs,
    startTime: s.startTime?.getTime() ?? null,
    endTime: s.endTime?.getTime() ?? null,
  };
}

/**
 * The variables and helpers a stage's expressions are evaluated with, when it starts (Orca's v4
 * evaluator): trigger, parameters, execution, the outputs of completed stages as bare names, and
 * the stage's own context keys.
 */
export function expressionScope(execution: ExecutionRow, stages: StageRow[], stage: StageRow, pipelineIds: Map<string, string>): ExpressionContext {
  const trigger = execution.trigger;
  const outputs: Record<string, unknown> = {};
  for (const s of [...stages].filter((x) => x.id !== stage.id && letsDownstreamRun(x.status)).sort((a, b) => (a.endTime?.getTime() ?? 0) - (b.endTime?.getTime() ?? 0))) {
    Object.assign(outputs, s.outputs);
  }
  const resolved = Array.isArray(trigger.resolvedExpectedArtifacts) ? (trigger.resolvedExpectedArtifacts as Record<string, unknown>[]) : [];
  const bound = resolved.map((r) => r.boundArtifact).filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null);
  const artifacts = [...bound, ...(Array.isArray(trigger.artifacts) ? (trigger.artifacts as Record<string, unknown>[]) : [])];
  const findStage = (key: string) => stages.find((s) => s.name === key || s.id === key || s.refId === key);
  return {
    variables: {
      ...outputs,
      ...stage.context,
      trigger,
      parameters: (trigger.parameters as Record<string, unknown> | undefined) ?? {},
      execution: { id: execution.id, application: execution.application, name: execution.pipelineName, pipelineConfigId: execution.pipelineId, status: execution.status, trigger, authentication: execution.authentication },
      scmInfo: trigger.buildInfo ?? (trigger.hash ? { sha1: trigger.hash, branch: trigger.branch } : undefined),
      deployedServerGroups: outputs.deployedServerGroups ?? [],
      // A templated pipeline's variables, for expressions resolution left to the run (Orca puts them on the pipeline).
      templateVariables: execution.config.templateVariables ?? {},
    },
    helpers: {
      stage: (key) => {
        const s = findStage(key);
        return s ? stageForExpressions(s) : undefined;
      },
      stageByRefId: (refId) => {
        const s = stages.find((x) => x.refId === refId);
        return s ? stageForExpressions(s) : undefined;
      },
      judgment: (name) => {
        const input = findStage(name)?.context.judgmentInput;
        return typeof input === 'string' ? input : undefined;
      },
      pipelineId: (name) => pipelineIds.get(name),
      triggerResolvedArtifact: (name) => artifacts.find((a) => a.name === name),
      triggerResolvedArtifactByType: (type) => artifacts.find((a) => a.type === type),
      currentUser: () => execution.authentication.user ?? undefined,
    },
  };
}

/**
 * Pipelines in Spinnaker's JSON model, typed (isomorphic: the editor, the API and the engine share it).
 * Config mode (`pipelineConfigSchema`, `parsePipeline`) is for saving and editing: expressions may
 * stand in for values. Run mode (`parseStageForRun`) is for the engine, after evaluation.
 */
export { pipelineConfigSchema, stageConfigSchema, type PipelineConfig, type PipelineConfigInput, type StageConfig } from './schema/pipeline';
export {
  isKnownStage,
  isKnownStageType,
  stageConfigSchemas,
  stageRunSchemas,
  stageTypes,
  type KnownStageConfig,
  type KnownStageType,
  type RunStage,
  type RunStageOf,
  type StageConfigOf,
} from './schema/stages';
export type { UnknownStage } from './schema/stages/unknown';
export { isKnownTrigger, isKnownTriggerType, triggerSchemas, triggerTypes, type KnownTrigger, type KnownTriggerType, type TriggerConfig } from './schema/triggers';
export { expectedArtifactSchema, artifactSchema, type Artifact, type ExpectedArtifact } from './schema/artifacts';
export { parameterSchema, type ParameterConfig } from './schema/parameters';
export { isExpression, type Expression } from './schema/expression';
export { checkPipeline, parsePipeline } from './parse';
export { validatePipeline, type ValidationContext } from './validate';
export { normalizePipeline, normalizeStages, type RawGraphStage } from './normalize';
export { parseStageForRun, type RunStageResult } from './run';
export { parsePipelineImport, type ImportItem, type ImportOptions, type PipelineImport } from './import';
export { pipelineJsonSchema } from './json-schema';
export { stageCatalog, stageCategories, type StageCatalogEntry, type StageCategory } from './stage-catalog';
export { buildStageGraph, downstreamOf, findGraphIssues, wouldCreateCycle, type GraphStage, type StageGraph } from './graph';
export { cronProblems } from './checks/cron';
export { checkTemplateBraces, type TemplateChecker, type TemplateProblem } from './checks/expressions';
export { stageMetricsAccount, type MetricsAccountChoice, type PipelineRef } from './checks/references';
export { hasErrors, validationIssueSchema, type Severity, type ValidationIssue } from './issues';
export { parseIsoDuration } from './duration';

import { z } from 'zod';
import { scopeReport, type Report } from '../issues';
import { expectedArtifactSchema, type ExpectedArtifact } from '../schema/artifacts';
import { isExpression } from '../schema/expression';
import type { PipelineConfig, StageConfig } from '../schema/pipeline';
import { isKnownStage } from '../schema/stages';
import { artifactsFoundFromExecution } from '../schema/stages/find-artifact-from-execution';
import { regexIssue } from './regex';
import { isFilled } from './required';

/** matchArtifact fields Orca matches as whole-string regexes. */
const MATCHED_FIELDS = ['type', 'name', 'version', 'location', 'reference'] as const;

export interface ArtifactIds {
  /** Declared at pipeline level: what triggers may supply. */
  pipeline: ReadonlySet<string>;
  /** Pipeline level plus every stage's own expectedArtifacts: what stages may consume. */
  all: ReadonlySet<string>;
}

function checkExpectedArtifact(artifact: ExpectedArtifact, at: Report): void {
  if (artifact.useDefaultArtifact === true && !isFilled(artifact.defaultArtifact?.reference) && !isFilled(artifact.defaultArtifact?.name)) {
    at(['defaultArtifact'], 'needs the artifact to use by default (useDefaultArtifact is on)');
  }
  for (const field of MATCHED_FIELDS) {
    const pattern = artifact.matchArtifact?.[field];
    const problem = isFilled(pattern) ? regexIssue(pattern) : undefined;
    if (problem) at(['matchArtifact', field], problem.message, problem.severity);
  }
}

const artifactListSchema = z.array(expectedArtifactSchema);

/**
 * Artifacts a stage declares it produces; unknown types count too (a bakeManifest feeds a deploy).
 * findArtifactFromExecution binds its `expectedArtifact` (older configs) or `expectedArtifacts`.
 */
function stageArtifacts(stage: StageConfig): readonly ExpectedArtifact[] {
  if (stage.type === 'findArtifactFromExecution') return artifactsFoundFromExecution(stage);
  const own: unknown = stage.expectedArtifacts;
  if (!Array.isArray(own)) return [];
  const parsed = artifactListSchema.safeParse(own);
  return parsed.success ? parsed.data : [];
}

/** Expected artifacts well formed and their ids unique across the pipeline and its stages. */
export function checkExpectedArtifacts(pipeline: PipelineConfig, report: Report): ArtifactIds {
  const where = new Map<string, string>();
  const register = (id: string, at: Report, place: string) => {
    if (id.trim() === '') at(['id'], 'every expected artifact needs an id');
    else if (where.has(id)) at(['id'], `expected artifact id "${id}" is already used by ${where.get(id)}`);
    else where.set(id, place);
  };
  (pipeline.expectedArtifacts ?? []).forEach((artifact, i) => {
    const at = scopeReport(report, ['expectedArtifacts', i]);
    register(artifact.id, at, `expectedArtifacts[${i}]`);
    checkExpectedArtifact(artifact, at);
  });
  const pipelineIds = new Set(where.keys());
  pipeline.stages.forEach((stage, i) => {
    const single = !Array.isArray(stage.expectedArtifacts);
    stageArtifacts(stage).forEach((artifact, j) => {
      const where: PropertyKey[] = single ? ['expectedArtifact'] : ['expectedArtifacts', j];
      const at = scopeReport(report, ['stages', i, ...where]);
      register(artifact.id, at, single ? `stages[${i}].expectedArtifact` : `stages[${i}].expectedArtifacts[${j}]`);
      checkExpectedArtifact(artifact, at);
    });
  });
  return { pipeline: pipelineIds, all: new Set(where.keys()) };
}

/** Stage fields that name an expected artifact must name one the pipeline or a stage declares. */
export function checkArtifactReferences(pipeline: PipelineConfig, ids: ArtifactIds, report: Report): void {
  pipeline.stages.forEach((stage, i) => {
    if (!isKnownStage(stage)) return;
    const check = (path: PropertyKey[], id: unknown) => {
      if (typeof id !== 'string' || id === '' || isExpression(id) || ids.all.has(id)) return;
      report(['stages', i, ...path], `refers to expected artifact "${id}", which is not defined in this pipeline`);
    };
    // Deck keeps a stale manifestArtifactId when the source is switched back to text; Orca ignores it then.
    if (stage.type === 'deployManifest' && stage.source !== 'artifact' && !isExpression(stage.source)) {
      const id = stage.manifestArtifactId;
      if (isFilled(id) && !isExpression(id) && !ids.all.has(id)) {
        report(['stages', i, 'manifestArtifactId'], `refers to expected artifact "${id}", which is not defined in this pipeline; it is ignored, because this stage deploys the manifests written in it (source "text")`, 'warning');
      }
    } else {
      check(['manifestArtifactId'], stage.manifestArtifactId);
    }
    check(['consumeArtifactId'], stage.consumeArtifactId);
    const requiredIds: unknown = stage.requiredArtifactIds;
    if (Array.isArray(requiredIds)) requiredIds.forEach((id: unknown, j) => check(['requiredArtifactIds', j], id));
    if (stage.type === 'deployManifest') stage.requiredArtifacts?.forEach((required, j) => check(['requiredArtifacts', j, 'expectedArtifactId'], required.expectedArtifactId));
    // Orca binds an input by id, else uses the inline artifact written beside it: only an id alone must resolve.
    if (stage.type === 'bakeManifest') {
      stage.inputArtifacts?.forEach((input, j) => input.artifact === undefined && check(['inputArtifacts', j, 'id'], input.id));
      if (stage.inputArtifact?.artifact === undefined) check(['inputArtifact', 'id'], stage.inputArtifact?.id);
    }
    if (stage.type === 'canaryRelease' && typeof stage.image === 'object') check(['image', 'expectedArtifactId'], stage.image.expectedArtifactId);
  });
}

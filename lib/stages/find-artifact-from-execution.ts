import 'server-only';
import { isDomainError } from '../errors';
import type { Artifact, ExpectedArtifact } from '../pipeline';
import { artifactMatches, describeMatch } from '../pipeline/artifact-binding';
import { artifactsFoundFromExecution, statusesOf } from '../pipeline/schema/stages/find-artifact-from-execution';
import type { StageHandler } from './types';

type Binding = { expected: ExpectedArtifact; artifact: Artifact } | { expected: ExpectedArtifact; reason: string };

/**
 * Orca resolves these without requiring a unique match (ArtifactResolver with requireUniqueMatches
 * off): the first match wins, and the list is newest first (later stages' outputs, then the trigger's).
 */
function bind(expected: ExpectedArtifact, found: readonly Artifact[]): Binding {
  for (const artifact of found) {
    const matches = artifactMatches(expected.matchArtifact, artifact);
    if (typeof matches === 'string') return { expected, reason: matches };
    if (matches) return { expected, artifact };
  }
  if (expected.useDefaultArtifact === true && expected.defaultArtifact) return { expected, artifact: expected.defaultArtifact };
  return { expected, reason: `no artifact matches ${describeMatch(expected.matchArtifact)}` };
}

const words: Record<string, string> = { SUCCEEDED: 'successful', TERMINAL: 'failed', RUNNING: 'running' };

/**
 * Spinnaker's Find Artifacts From Execution: binds expected artifacts to the artifacts of the newest
 * execution of another pipeline (successful, failed and/or running ones, per `executionOptions`).
 * Its bound artifacts become `outputs.resolvedExpectedArtifacts` and `outputs.artifacts`, which
 * downstream stages bind by id (requiredArtifactIds, manifestArtifactId) as if a trigger had.
 */
export const findArtifactFromExecution: StageHandler<'findArtifactFromExecution'> = {
  type: 'findArtifactFromExecution',
  async run({ stage, services }) {
    const config = stage.config;
    const expected = artifactsFoundFromExecution(config);
    if (expected.length === 0) return { status: 'failed', reason: 'The stage names no artifact to find (expectedArtifact)' };
    const statuses = statusesOf(config.executionOptions);
    let found: Awaited<ReturnType<typeof services.lastExecutionArtifacts>>;
    try {
      found = await services.lastExecutionArtifacts({ application: config.application, pipelineId: config.pipeline, statuses });
    } catch (err) {
      if (isDomainError(err)) return { status: 'failed', reason: err.message };
      throw err;
    }
    const where = found
      ? `the last ${statuses.map((s) => words[s] ?? s).join(' or ')} execution of pipeline ${config.pipeline} (${found.id}, ${found.status})`
      : `pipeline ${config.pipeline} of ${config.application}, which has no ${statuses.map((s) => words[s] ?? s).join(' or ')} execution`;
    const bindings = expected.map((e) => bind(e, found?.artifacts ?? []));
    const unmatched = bindings.flatMap((b) => ('reason' in b ? [`expected artifact "${b.expected.id}"${b.expected.displayName ? ` (${b.expected.displayName})` : ''}: ${b.reason}`] : []));
    if (unmatched.length > 0) return { status: 'failed', reason: `Nothing to bind in ${where}: ${unmatched.join('; ')}`, details: (found?.artifacts ?? []).map((a) => `found ${a.type} ${a.name ?? ''} ${a.reference ?? ''}`.trim()) };
    const bound = bindings.flatMap((b) => ('artifact' in b ? [{ ...b.expected, boundArtifact: b.artifact }] : []));
    return {
      status: 'succeeded',
      outputs: { resolvedExpectedArtifacts: bound, artifacts: bound.map((b) => b.boundArtifact), ...(found ? { executionId: found.id, executionStatus: found.status } : {}) },
    };
  },
};

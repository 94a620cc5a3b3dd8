import { describe, expect, it } from 'vitest';
import { checkPipeline } from '../../parse';
import { artifactsFoundFromExecution, statusesOf } from './find-artifact-from-execution';

describe('findArtifactFromExecution', () => {
  it("reads Orca's executionOptions as statuses; none ticked means successful, as Deck's default", () => {
    expect(statusesOf({ successful: true })).toStrictEqual(['SUCCEEDED']);
    expect(statusesOf({ succeeded: true, terminal: true, running: true })).toStrictEqual(['SUCCEEDED', 'TERMINAL', 'RUNNING']);
    expect(statusesOf({ terminal: true })).toStrictEqual(['TERMINAL']);
    expect(statusesOf({})).toStrictEqual(['SUCCEEDED']);
    expect(statusesOf(undefined)).toStrictEqual(['SUCCEEDED']);
  });

  it('binds its list when it has one, else its single artifact', () => {
    const one = { id: 'a', matchArtifact: { type: 'docker/image' } };
    const two = { id: 'b', matchArtifact: { type: 'docker/image' } };
    expect(artifactsFoundFromExecution({ expectedArtifact: one, expectedArtifacts: [two] }).map((e) => e.id)).toStrictEqual(['b']);
    expect(artifactsFoundFromExecution({ expectedArtifact: one }).map((e) => e.id)).toStrictEqual(['a']);
  });

  it('names what is missing and warns when no status is ticked', () => {
    const { issues } = checkPipeline({ application: 'a', name: 'p', stages: [{ refId: '1', type: 'findArtifactFromExecution', name: 'F', application: '', pipeline: '', executionOptions: { successful: false } }] });
    expect(issues.map((i) => `${i.severity} ${i.path}`)).toStrictEqual(['error stages[0].application', 'error stages[0].pipeline', 'error stages[0].expectedArtifact', 'warning stages[0].executionOptions']);
  });
});

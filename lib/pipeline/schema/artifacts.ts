import { z } from 'zod';
import { opt, plainKit, text } from './fields';

/** A concrete artifact (Spinnaker's Artifact: docker/image, github/file, embedded/base64, …). */
export const artifactSchema = z.looseObject({
  type: opt(z.string()),
  name: opt(z.string()),
  version: opt(z.string()),
  reference: opt(z.string()),
  location: opt(z.string()),
  artifactAccount: opt(z.string()),
  kind: opt(z.string()),
  customKind: plainKit.optionalBoolean(),
  provenance: opt(z.string()),
  metadata: opt(z.record(z.string(), z.unknown())),
});
export type Artifact = z.infer<typeof artifactSchema>;

/** Pipeline- or stage-level expected artifact: what to bind, and the fallbacks when nothing matches. */
export const expectedArtifactSchema = z.looseObject({
  id: text(),
  displayName: opt(z.string()),
  /** Each non-empty field is a regex that must match the whole field of an incoming artifact. */
  matchArtifact: opt(artifactSchema),
  useDefaultArtifact: plainKit.optionalBoolean(),
  defaultArtifact: opt(artifactSchema),
  usePriorArtifact: plainKit.optionalBoolean(),
  /** Legacy name of usePriorArtifact. */
  usePriorExecution: plainKit.optionalBoolean(),
});
export type ExpectedArtifact = z.infer<typeof expectedArtifactSchema>;

export const expectedArtifactsField = () => opt(z.array(expectedArtifactSchema));

/** `requiredArtifacts` entries: an expected-artifact id or an inline artifact. */
export const requiredArtifactSchema = z.looseObject({
  expectedArtifactId: opt(z.string()),
  artifact: opt(artifactSchema),
});

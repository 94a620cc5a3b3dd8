/**
 * Older spellings of manifest stages that Spinnaker still runs, rewritten into the shape Foresail's
 * schemas and stage handlers read. Applied before a stage is parsed, for saved config and for runs
 * alike, so a pipeline imported years after Deck wrote it behaves as Spinnaker ran it.
 */

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
const hasItems = (value: unknown): boolean => Array.isArray(value) && value.length > 0;

/** Stages that name what they act on by manifestName, cluster + criteria, or kinds + labels. */
const TARGET_STAGES = new Set([
  'deleteManifest',
  'scaleManifest',
  'patchManifest',
  'undoRolloutManifest',
  'rollingRestartManifest',
  'findArtifactsFromResource',
  'enableManifest',
  'disableManifest',
]);
const ACCOUNT_STAGES = new Set([...TARGET_STAGES, 'deployManifest', 'runJobManifest']);

function inferMode(stage: Record<string, unknown>): string | undefined {
  if (!isBlank(stage.mode) || !isBlank(stage.manifestName)) return undefined;
  // Clouddriver's KubernetesDeleteManifestDescription.isDynamic(): without a manifestName, a delete
  // acts on every object of `kinds` matching `labelSelectors` (Deck wrote these without a mode).
  if (stage.type === 'deleteManifest' && (hasItems(stage.kinds) || (isRecord(stage.labelSelectors) && hasItems(stage.labelSelectors.selectors)))) return 'label';
  if (!isBlank(stage.cluster) && !isBlank(stage.criteria)) return 'dynamic';
  return undefined;
}

/** The stage with legacy fields read into their current names; other stages come back unchanged. */
export function upgradeLegacyStage(stage: unknown): unknown {
  if (!isRecord(stage) || typeof stage.type !== 'string' || !ACCOUNT_STAGES.has(stage.type)) return stage;
  const upgraded: Record<string, unknown> = { ...stage };
  // Clouddriver's operation descriptions take the account as `account` (CredentialsNameable);
  // pipelines written for the V1-era descriptions name it `credentials`.
  if (isBlank(upgraded.account) && typeof upgraded.credentials === 'string' && upgraded.credentials.trim() !== '') upgraded.account = upgraded.credentials;
  if (TARGET_STAGES.has(stage.type)) {
    // `location` is the namespace in clouddriver's manifest descriptions; some exports write `namespace`.
    if (isBlank(upgraded.location) && typeof upgraded.namespace === 'string' && upgraded.namespace.trim() !== '') upgraded.location = upgraded.namespace;
    const mode = inferMode(upgraded);
    if (mode !== undefined) upgraded.mode = mode;
  }
  return upgraded;
}

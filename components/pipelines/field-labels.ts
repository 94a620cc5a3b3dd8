/** Deck's wording where it differs from the key; the rest are humanised keys. */
const labels: Record<string, string> = {
  waitTime: 'Wait time (seconds)',
  url: 'URL',
  statusUrlResolution: 'Status URL resolution',
  statusUrlJsonPath: 'Status URL JSON path',
  statusJsonPath: 'Status JSON path',
  progressJsonPath: 'Progress JSON path',
  cancelEndpoint: 'Cancel URL',
  namespaceOverride: 'Namespace override',
  manifestName: 'Manifest name (kind name)',
  location: 'Namespace',
  numRevisionsBack: 'Revisions back',
  replicas: 'Replicas',
  selectedStageRoles: 'Judgment roles',
  requiredJudgmentRoles: 'Required judgment roles (legacy)',
  propagateAuthenticationContext: 'Propagate the judge’s authentication',
  canaryConfigId: 'Canary config id',
  lifetimeDuration: 'Lifetime (ISO 8601 duration)',
  beginCanaryAnalysisAfterMins: 'Begin analysis after (minutes)',
  canaryAnalysisIntervalMins: 'Analysis interval (minutes)',
  baselineAnalysisOffsetInMins: 'Baseline offset (minutes)',
  lookbackMins: 'Lookback (minutes)',
  lifetimeHours: 'Lifetime (hours)',
  cronExpression: 'Cron expression (Quartz, seconds first)',
  slug: 'Repository (slug)',
  project: 'Project (owner)',
  branch: 'Branch (regex)',
  tag: 'Tag (regex)',
  runAsUser: 'Run as user',
  payloadConstraints: 'Payload constraints',
  pipelineParameters: 'Pipeline parameters',
  customHeaders: 'Custom headers',
  patchBody: 'Patch body',
};

const ACRONYMS = new Set(['id', 'url', 'json', 'ui', 'ms']);

/** `manifestArtifactId` → "Manifest artifact ID". */
export function fieldLabel(key: string): string {
  const known = labels[key];
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word, i) => {
      const lower = word.toLowerCase();
      if (ACRONYMS.has(lower)) return lower.toUpperCase();
      return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    });
  return words.join(' ') || key;
}

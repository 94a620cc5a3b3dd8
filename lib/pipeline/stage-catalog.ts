import type { KnownStageType } from './schema/stages';

export const stageCategories = ['Kubernetes', 'Canary and traffic', 'Flow control', 'Integration'] as const;
export type StageCategory = (typeof stageCategories)[number];

export interface StageCatalogEntry {
  label: string;
  description: string;
  category: StageCategory;
  /** A new stage's fields (with its type; the editor adds refId, name and requisites). Parses; validation then asks for what is blank. */
  defaults: () => Record<string, unknown>;
}

const manifestTarget = (type: KnownStageType) => ({ type, account: '', cloudProvider: 'kubernetes', location: '', mode: 'static', manifestName: '' });
const canaryConfig = () => ({
  canaryConfigId: '',
  lifetimeDuration: 'PT1H',
  beginCanaryAnalysisAfterMins: 0,
  canaryAnalysisIntervalMins: 15,
  scoreThresholds: { pass: 75, marginal: 50 },
  scopes: [{ scopeName: 'default', controlScope: '', experimentScope: '', step: 60 }],
});

/** The editor's "add stage" menu: Deck's labels for Spinnaker types, Foresail's own for its two. */
export const stageCatalog: Record<KnownStageType, StageCatalogEntry> = {
  deployManifest: {
    label: 'Deploy (Manifest)',
    description: 'Apply Kubernetes manifests, written inline or taken from an artifact, and wait until they are ready.',
    category: 'Kubernetes',
    defaults: () => ({ type: 'deployManifest', account: '', cloudProvider: 'kubernetes', source: 'text', manifests: [], skipExpressionEvaluation: false }),
  },
  deleteManifest: {
    label: 'Delete (Manifest)',
    description: 'Delete Kubernetes objects by name, by cluster and criteria, or by labels.',
    category: 'Kubernetes',
    defaults: () => ({ ...manifestTarget('deleteManifest'), options: { cascading: true } }),
  },
  scaleManifest: {
    label: 'Scale (Manifest)',
    description: 'Set the number of replicas of a workload.',
    category: 'Kubernetes',
    defaults: () => ({ ...manifestTarget('scaleManifest'), replicas: 1 }),
  },
  patchManifest: {
    label: 'Patch (Manifest)',
    description: 'Patch a live Kubernetes object with a strategic, merge or JSON patch.',
    category: 'Kubernetes',
    defaults: () => ({ ...manifestTarget('patchManifest'), source: 'text', patchBody: {}, options: { mergeStrategy: 'strategic', record: true } }),
  },
  undoRolloutManifest: {
    label: 'Undo Rollout (Manifest)',
    description: 'Roll a workload back to an earlier revision.',
    category: 'Kubernetes',
    defaults: () => ({ ...manifestTarget('undoRolloutManifest'), numRevisionsBack: 1 }),
  },
  rollingRestartManifest: {
    label: 'Rolling Restart (Manifest)',
    description: "Restart a workload's pods one batch at a time.",
    category: 'Kubernetes',
    defaults: () => manifestTarget('rollingRestartManifest'),
  },
  findArtifactsFromResource: {
    label: 'Find Artifacts From Resource (Manifest)',
    description: 'Read a live object and output the artifacts it uses, such as the image now in production.',
    category: 'Kubernetes',
    defaults: () => manifestTarget('findArtifactsFromResource'),
  },
  findArtifactFromExecution: {
    label: 'Find Artifacts From Execution',
    description: "Bind an artifact from the last execution of another pipeline (successful, failed or running ones, as chosen).",
    category: 'Kubernetes',
    defaults: () => ({ type: 'findArtifactFromExecution', application: '', pipeline: '', executionOptions: { successful: true }, expectedArtifact: { id: '', matchArtifact: { type: 'docker/image', name: '' } } }),
  },
  enableManifest: {
    label: 'Enable (Manifest)',
    description: "Send a ReplicaSet the traffic of the Services named in its traffic.spinnaker.io/load-balancers annotation.",
    category: 'Kubernetes',
    defaults: () => manifestTarget('enableManifest'),
  },
  disableManifest: {
    label: 'Disable (Manifest)',
    description: "Take a ReplicaSet out of the Services named in its traffic.spinnaker.io/load-balancers annotation; its pods keep running.",
    category: 'Kubernetes',
    defaults: () => manifestTarget('disableManifest'),
  },
  runJobManifest: {
    label: 'Run Job (Manifest)',
    description: 'Run a Kubernetes Job to completion; key=value lines from its logs become stage outputs.',
    category: 'Kubernetes',
    defaults: () => ({
      type: 'runJobManifest',
      account: '',
      cloudProvider: 'kubernetes',
      source: 'text',
      manifest: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: '' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [] } } } },
    }),
  },
  bakeManifest: {
    label: 'Bake (Manifest)',
    description: 'Render a Helm chart (a packaged chart artifact) with value overrides, or a Kustomize overlay (a git/repo artifact), into one manifest artifact for a later Deploy (Manifest).',
    category: 'Kubernetes',
    defaults: () => ({
      type: 'bakeManifest',
      templateRenderer: 'HELM3',
      outputName: '',
      namespace: '',
      inputArtifacts: [{ id: '', account: 'embedded-artifact' }],
      overrides: {},
      rawOverrides: false,
      expectedArtifacts: [{ id: '', matchArtifact: { type: 'embedded/base64', kind: 'base64', name: '' }, useDefaultArtifact: false, usePriorArtifact: false }],
    }),
  },
  manualJudgment: {
    label: 'Manual Judgment',
    description: 'Wait for a person to continue or stop the pipeline.',
    category: 'Flow control',
    defaults: () => ({ type: 'manualJudgment', instructions: '', judgmentInputs: [], failPipeline: true }),
  },
  wait: {
    label: 'Wait',
    description: 'Wait a number of seconds (can be skipped while running).',
    category: 'Flow control',
    defaults: () => ({ type: 'wait', waitTime: 30 }),
  },
  webhook: {
    label: 'Webhook',
    description: 'Call an HTTP endpoint and optionally poll a status URL until the remote work completes.',
    category: 'Integration',
    defaults: () => ({ type: 'webhook', url: '', method: 'POST', payload: {}, waitForCompletion: false }),
  },
  pipeline: {
    label: 'Pipeline',
    description: 'Run another pipeline and (by default) wait for it to finish.',
    category: 'Flow control',
    defaults: () => ({ type: 'pipeline', application: '', pipeline: '', pipelineParameters: {}, waitForCompletion: true }),
  },
  kayentaCanary: {
    label: 'Canary Analysis',
    description: 'Compare canary and baseline metrics at intervals and score the canary.',
    category: 'Canary and traffic',
    defaults: () => ({ type: 'kayentaCanary', analysisType: 'realTime', canaryConfig: canaryConfig() }),
  },
  checkPreconditions: {
    label: 'Check Preconditions',
    description: 'Stop unless every condition holds.',
    category: 'Flow control',
    defaults: () => ({ type: 'checkPreconditions', preconditions: [] }),
  },
  evaluateVariables: {
    label: 'Evaluate Variables',
    description: 'Evaluate expressions once and make the results available to later stages by name.',
    category: 'Flow control',
    defaults: () => ({ type: 'evaluateVariables', variables: [] }),
  },
  trafficSplit: {
    label: 'Traffic Split',
    description: 'Set route weights (and optional mirroring) on an Istio VirtualService or a Gateway API HTTPRoute.',
    category: 'Canary and traffic',
    defaults: () => ({ type: 'trafficSplit', account: '', namespace: '', router: { kind: 'HTTPRoute', name: '' }, weights: [] }),
  },
  canaryRelease: {
    label: 'Canary Release',
    description: 'Deploy baseline and canary next to production, shift some traffic, analyse, then promote or roll back and clean up.',
    category: 'Canary and traffic',
    defaults: () => ({
      type: 'canaryRelease',
      account: '',
      namespace: '',
      production: { kind: 'Deployment', name: '' },
      image: '',
      replicas: 1,
      traffic: { production: 80, baseline: 10, canary: 10 },
      router: { kind: 'HTTPRoute', name: '' },
      canaryConfig: canaryConfig(),
      marginalAction: 'fail',
    }),
  },
};

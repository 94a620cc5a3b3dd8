import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../issues';
import { checkPipeline } from '../parse';

const wait = (refId: string, extra: Record<string, unknown> = {}) => ({ refId, type: 'wait', name: `Wait ${refId}`, waitTime: 1, ...extra });

function issues(pipeline: Record<string, unknown>): ValidationIssue[] {
  return checkPipeline({ application: 'shop', name: 'Deploy', ...pipeline }).issues;
}
const brief = (list: ValidationIssue[]) => list.map((i) => `${i.severity} ${i.path}: ${i.message}`);
function stageIssues(stage: Record<string, unknown>): string[] {
  return brief(issues({ stages: [{ refId: '1', name: 'Stage', ...stage }] }));
}

describe('stage fields by type', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['static target without a name', { type: 'deleteManifest', account: 'prod', mode: 'static' }, ['error stages[0].manifestName: needs a manifest name such as "deployment my-app"']],
    ['static target not "kind name"', { type: 'rollingRestartManifest', account: 'prod', manifestName: 'web' }, ['error stages[0].manifestName: must be "<kind> <name>", for example "deployment my-app"']],
    [
      'dynamic target without cluster, criteria and kind',
      { type: 'deleteManifest', account: 'prod', mode: 'dynamic' },
      ['error stages[0].cluster: is required when mode is "dynamic"', 'error stages[0].criteria: is required when mode is "dynamic"', 'error stages[0].kind: is required when mode is "dynamic"'],
    ],
    [
      'label target without kinds or selectors',
      { type: 'deleteManifest', account: 'prod', mode: 'label' },
      ['error stages[0].kinds: needs at least one kind when mode is "label"', 'error stages[0].labelSelectors: needs at least one label selector when mode is "label"'],
    ],
    ['label mode where it cannot apply', { type: 'scaleManifest', account: 'prod', mode: 'label', replicas: 1 }, ['error stages[0].mode: label selection is not supported by this stage; use "static" or "dynamic"']],
    ['JSON patch given as an object', { type: 'patchManifest', account: 'prod', manifestName: 'deployment web', patchBody: {}, options: { mergeStrategy: 'json' } }, ['error stages[0].patchBody: must be a list of JSON patch operations when the merge strategy is "json"']],
    ['patch with nothing to apply', { type: 'patchManifest', account: 'prod', manifestName: 'deployment web' }, ['error stages[0].patchBody: needs a patch body']],
    ['undo rollout without a count', { type: 'undoRolloutManifest', account: 'prod', manifestName: 'deployment web' }, ['error stages[0].numRevisionsBack: needs how many revisions to roll back']],
    [
      'run job that is not a Job',
      { type: 'runJobManifest', credentials: 'prod', manifest: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } } },
      ['error stages[0].manifest.kind: must be a Job or a resource that completes (e.g. a TaskRun), not a Deployment'],
    ],
    ['run job of a build custom resource', { type: 'runJobManifest', credentials: 'prod', manifest: { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { generateName: 'build-' } } }, []],
    ['run job without an account', { type: 'runJobManifest', manifests: [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { generateName: 'x-' } }] }, ['error stages[0].account: needs an account (the Kubernetes cluster to run the job in)']],
    ['deploy from an artifact without naming it', { type: 'deployManifest', account: 'prod', source: 'artifact' }, ['error stages[0].manifestArtifactId: needs the expected artifact that holds the manifests (source is "artifact")']],
    [
      'deploy of a manifest without identity',
      { type: 'deployManifest', account: 'prod', manifests: [{ spec: {} }] },
      ['error stages[0].manifests[0].apiVersion: the manifest needs an apiVersion', 'error stages[0].manifests[0].kind: the manifest needs a kind', 'error stages[0].manifests[0].metadata: the manifest needs metadata with a name'],
    ],
    [
      'traffic management without services or strategy',
      { type: 'deployManifest', account: 'prod', manifests: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }], trafficManagement: { enabled: true, options: {} } },
      [
        'error stages[0].trafficManagement.options.services: needs at least one service when traffic management is enabled',
        'error stages[0].trafficManagement.options.strategy: needs a rollout strategy (redblack, highlander, bluegreen or none) when traffic management is enabled',
        'warning stages[0].trafficManagement.enabled: is true, but Foresail does not manage traffic in deployManifest yet: the manifests are deployed as written, no Service selector is added and older versions are neither disabled nor deleted (redblack, highlander). Use enableManifest/disableManifest stages (Service-selector traffic) or a trafficSplit stage instead',
      ],
    ],
    [
      'webhook cancellation without an endpoint',
      { type: 'webhook', url: 'https://x.example.com', signalCancellation: true },
      ['error stages[0].cancelEndpoint: needs the URL to call on cancellation (signalCancellation is on)'],
    ],
    [
      'webhook polling without resolution',
      { type: 'webhook', url: 'https://x.example.com', waitForCompletion: true, statusJsonPath: '$.s' },
      [
        'error stages[0].statusUrlResolution: needs how to find the status URL (getMethod, locationHeader or webhookResponse) when waiting for completion',
        'warning stages[0].successStatuses: lists no success statuses, so the stage can only time out or fail',
      ],
    ],
    ['pipeline stage without a target', { type: 'pipeline', application: '', pipeline: '' }, ['error stages[0].application: needs the application of the pipeline to run', 'error stages[0].pipeline: needs the id of the pipeline to run']],
    [
      'automatic canary without server groups',
      { type: 'kayentaCanary', analysisType: 'realTimeAutomatic', canaryConfig: { canaryConfigId: 'c', lifetimeHours: '1', scopes: [{ controlScope: 'a', experimentScope: 'b' }] } },
      ['error stages[0].deployments.serverGroupPairs: needs the baseline and canary server groups to deploy (analysisType is "realTimeAutomatic")'],
    ],
    [
      'retrospective canary without times',
      { type: 'kayentaCanary', analysisType: 'retrospective', canaryConfig: { canaryName: 'legacy', canaryConfigId: 'c', scopes: [{ controlScope: 'a', experimentScope: 'b' }] } },
      ['error stages[0].canaryConfig.scopes[0].startTimeIso: needs a start time for a retrospective analysis', 'error stages[0].canaryConfig.scopes[0].endTimeIso: needs an end time for a retrospective analysis'],
    ],
    [
      'canary without config, lifetime or scopes',
      { type: 'kayentaCanary', canaryConfig: {} },
      [
        'error stages[0].canaryConfig.canaryConfigId: needs the canary config to judge with (canaryConfigId)',
        'error stages[0].canaryConfig.lifetimeDuration: needs how long the canary analysis runs (for example "PT1H")',
        'error stages[0].canaryConfig.scopes: needs at least one scope naming the baseline (control) and canary (experiment)',
      ],
    ],
    [
      'canary analyses beyond 30 days or 1,000 intervals (saved stages must not make the worker build huge plans)',
      { type: 'kayentaCanary', canaryConfig: { canaryConfigId: 'c', lifetimeDuration: 'P100000D', canaryAnalysisIntervalMins: 1, scopes: [{ controlScope: 'a', experimentScope: 'b' }] } },
      ['error stages[0].canaryConfig.lifetimeDuration: must be at most 30 days (P30D); this one is 100,000 days'],
    ],
    [
      'canary lifetime in hours beyond 30 days, and minute fields beyond 30 days',
      { type: 'kayentaCanary', canaryConfig: { canaryConfigId: 'c', lifetimeHours: 1000, lookbackMins: 50_000, scopes: [{ controlScope: 'a', experimentScope: 'b' }] } },
      ['error stages[0].canaryConfig.lifetimeHours: must be at most 720', 'error stages[0].canaryConfig.lookbackMins: must be at most 43200'],
    ],
    [
      'canary release judged every minute for a week',
      {
        type: 'canaryRelease',
        account: 'prod',
        namespace: 'web',
        production: { name: 'web' },
        image: 'registry/web:2',
        traffic: { production: 80, baseline: 10, canary: 10 },
        router: { kind: 'HTTPRoute', name: 'web' },
        canaryConfig: { canaryConfigId: 'c', lifetimeDuration: 'P7D', canaryAnalysisIntervalMins: '1', scopes: [{ controlScope: 'a', experimentScope: 'b' }] },
      },
      ['error stages[0].canaryConfig.canaryAnalysisIntervalMins: makes 10,080 intervals over the lifetime; at most 1,000 are allowed (use an interval of at least 11 minutes)'],
    ],
    [
      'a Secret with its values written into the pipeline (its readers see them)',
      { type: 'deployManifest', account: 'prod', manifests: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'hunter2' } }] },
      ['warning stages[0].manifests[0].kind: is a Secret with its values written into the pipeline, where everyone who may read the application sees them; create the Secret in the cluster outside Foresail (by hand, or with an external-secrets operator) and refer to it by name'],
    ],
    ['a Secret whose values come from expressions', { type: 'deployManifest', account: 'prod', manifests: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: '${parameters.password}' } }] }, []],
    [
      'preconditions of unknown type or missing context',
      { type: 'checkPreconditions', preconditions: [{ type: 'expression', context: {} }, { type: 'clusterHealth' }] },
      ['error stages[0].preconditions[0].context.expression: is required for expression preconditions', 'error stages[0].preconditions[1].type: "clusterHealth" is not a precondition type Foresail checks (expression, stageStatus, clusterSize)'],
    ],
    [
      'variables named twice or not usable by bare name',
      { type: 'evaluateVariables', variables: [{ key: 'a', value: 1 }, { key: 'a', value: 2 }, { key: 'my-var', value: 3 }, { key: ' ' }] },
      [
        'error stages[0].variables[1].key: "a" is defined twice in this stage',
        'warning stages[0].variables[2].key: "my-var" is not a plain identifier, so later expressions cannot use it by bare name',
        'error stages[0].variables[3].key: every variable needs a name',
      ],
    ],
    [
      'traffic split to one destination twice',
      { type: 'trafficSplit', account: 'prod', namespace: 'web', router: { kind: 'VirtualService', name: 'web' }, weights: [{ destination: 'v1', weight: 50 }, { destination: 'v1', weight: '50' }] },
      ['error stages[0].weights[1].destination: "v1" is listed twice'],
    ],
    [
      'canary release with skewed traffic and no judges',
      {
        type: 'canaryRelease',
        account: 'prod',
        namespace: 'web',
        production: { name: 'web' },
        image: 'registry/web:2',
        traffic: { production: 80, baseline: 5, canary: 15 },
        router: { kind: 'HTTPRoute', name: 'web' },
        canaryConfig: { canaryConfigId: 'c', lifetimeDuration: 'PT30M', scopes: [{ controlScope: 'a', experimentScope: 'b' }] },
        marginalAction: 'judge',
      },
      [
        'warning stages[0].traffic.canary: baseline and canary should get the same share of traffic, or the comparison is skewed',
        'warning stages[0].judgmentRoles: names no roles, so anyone who may run the pipeline can judge a marginal result',
      ],
    ],
    [
      'common fields that contradict or lack a value',
      { type: 'wait', waitTime: 1, failPipeline: true, continuePipeline: true, overrideTimeout: true, restrictExecutionDuringTimeWindow: true, stageEnabled: { expression: ' ' } },
      [
        'error stages[0].stageEnabled.expression: needs the condition under which the stage runs',
        'warning stages[0].continuePipeline: wins over failPipeline: a failure of this stage is ignored and the pipeline continues',
        'warning stages[0].restrictedExecutionWindow.whitelist: has no time windows, so the stage is not restricted',
        'error stages[0].stageTimeoutMs: needs the timeout to use (overrideTimeout is on)',
      ],
    ],
    ['an expression where a choice goes', { type: 'deployManifest', account: 'prod', source: '${parameters.source}' }, []],
  ];
  for (const [name, stage, expected] of cases) {
    it(name, () => expect(stageIssues(stage)).toStrictEqual(expected));
  }

  it('execution windows are range-checked by shape', () => {
    const result = issues({ stages: [wait('1', { restrictedExecutionWindow: { whitelist: [{ startHour: 25, startMin: 0, endHour: '23', endMin: 60 }], days: [0, 7] } })] });
    expect(brief(result)).toStrictEqual([
      'error stages[0].restrictedExecutionWindow.whitelist[0].startHour: must be at most 23',
      'error stages[0].restrictedExecutionWindow.whitelist[0].endMin: must be at most 59',
      'error stages[0].restrictedExecutionWindow.days[0]: must be at least 1',
    ]);
  });

  it('warns about stages without a name, or with the same name', () => {
    expect(brief(issues({ stages: [{ refId: '1', type: 'wait', waitTime: 1 }, wait('2', { name: 'Same' }), wait('3', { name: 'Same' })] }))).toStrictEqual([
      'warning stages[0].name: has no name, so people and #stage() cannot refer to it',
      "warning stages[2].name: stages[1] has the same name, so #stage('Same') is ambiguous",
    ]);
  });
});

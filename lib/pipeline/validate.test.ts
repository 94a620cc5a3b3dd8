import { describe, expect, it } from 'vitest';
import type { TemplateChecker } from './checks/expressions';
import { checkTemplateBraces } from './checks/expressions';
import type { ValidationIssue } from './issues';
import { checkPipeline, parsePipeline } from './parse';
import { validatePipeline, type ValidationContext } from './validate';

const base = { application: 'shop', name: 'Deploy', id: 'self-id' };
const wait = (refId: string, extra: Record<string, unknown> = {}) => ({ refId, type: 'wait', name: `Wait ${refId}`, waitTime: 1, ...extra });

function issues(pipeline: Record<string, unknown>, ctx?: ValidationContext): ValidationIssue[] {
  return checkPipeline({ ...base, ...pipeline }, ctx).issues;
}
const brief = (list: ValidationIssue[]) => list.map((i) => `${i.severity} ${i.path}: ${i.message}`);

describe('pipeline-level rules', () => {
  it('parameters: unique names, options holding the default, real conditions', () => {
    const result = issues({
      stages: [],
      parameterConfig: [
        { name: 'region', hasOptions: true, options: [] },
        { name: 'size', hasOptions: 'true', default: 'm', options: [{ value: 's' }, { value: 'm' }, { value: 'm' }], condition: { parameter: 'colour' } },
        { name: '' },
      ],
    });
    expect(brief(result)).toStrictEqual([
      'error parameterConfig[2].name: every parameter needs a name',
      'error parameterConfig[0].options: needs at least one option (hasOptions is on)',
      'warning parameterConfig[1].options[2].value: "m" is listed twice',
      'error parameterConfig[1].condition.parameter: refers to parameter "colour", which is not defined',
    ]);
  });

  it('expected artifacts: unique ids across pipeline and stages, usable defaults, compiling regexes', () => {
    const result = issues({
      expectedArtifacts: [
        { id: 'img', matchArtifact: { type: 'docker/image', name: 'app(' }, useDefaultArtifact: true, defaultArtifact: {} },
        { id: '', displayName: 'nameless' },
      ],
      stages: [{ refId: '1', name: 'Find', type: 'findArtifactsFromResource', account: 'prod', manifestName: 'deployment a', expectedArtifacts: [{ id: 'img' }] }],
    });
    expect(brief(result)).toStrictEqual([
      'error expectedArtifacts[0].defaultArtifact: needs the artifact to use by default (useDefaultArtifact is on)',
      'error expectedArtifacts[0].matchArtifact.name: is not a valid regular expression (Unterminated group)',
      'error expectedArtifacts[1].id: every expected artifact needs an id',
      'error stages[0].expectedArtifacts[0].id: expected artifact id "img" is already used by expectedArtifacts[0]',
    ]);
  });

  it('artifacts produced by stages count, also by stages Foresail does not run (a bakeManifest and a plugin\'s stage feed a deploy)', () => {
    const result = issues({
      expectedArtifacts: [{ id: 'chart', matchArtifact: { type: 'embedded/base64', name: 'web-chart' } }],
      stages: [
        { refId: '0', name: 'Plugin', type: 'myPluginBake', expectedArtifacts: [{ id: 'plugin', matchArtifact: { type: 'embedded/base64' } }] },
        {
          refId: '1',
          name: 'Bake',
          type: 'bakeManifest',
          templateRenderer: 'HELM3',
          outputName: 'web',
          inputArtifacts: [{ id: 'chart', account: 'embedded-artifact' }],
          expectedArtifacts: [{ id: 'baked', matchArtifact: { type: 'embedded/base64', name: 'web' } }],
        },
        { refId: '2', name: 'Deploy', requisiteStageRefIds: ['0', '1'], type: 'deployManifest', account: 'prod', source: 'artifact', manifestArtifactId: 'baked', requiredArtifactIds: ['plugin'] },
      ],
    });
    expect(result.filter((i) => i.severity === 'error')).toStrictEqual([]);
  });

  it('concurrency settings that do nothing, and notification events', () => {
    const result = issues({ stages: [], maxConcurrentExecutions: '2', notifications: [{ type: 'email', address: 'a@example.com', when: ['pipeline.failed', 'stage.failed'] }] });
    expect(brief(result)).toStrictEqual([
      'warning maxConcurrentExecutions: is only used when limitConcurrent is false',
      'warning notifications[0].when[1]: "stage.failed" is not a pipeline notification event (pipeline.starting, pipeline.complete, pipeline.failed, manualJudgment, manualJudgmentContinue, manualJudgmentStop)',
      'warning notifications[0].type: Foresail sends only webhook notifications; "email" is kept in the pipeline but not sent',
    ]);
  });

  it('warns once that only webhook notifications are sent; judgment events are pipeline events too', () => {
    const result = issues({
      stages: [{ refId: '1', name: 'Approve', type: 'manualJudgment', notifications: [{ type: 'webhook', address: 'https://hooks.example.com/a', when: ['manualJudgment'] }, { type: 'slack', address: '#deploys', when: ['manualJudgment'] }] }],
      notifications: [{ type: 'webhook', address: 'https://hooks.example.com/p', when: ['manualJudgmentContinue', 'pipeline.failed'] }, { type: 'email', address: 'a@example.com', when: ['manualJudgmentStop'] }],
    });
    expect(brief(result)).toStrictEqual([
      'warning notifications[1].type: Foresail sends only webhook notifications; "email", "slack" are kept in the pipeline but not sent',
    ]);
    expect(brief(issues({ stages: [], notifications: [{ type: 'webhook', address: 'https://hooks.example.com/p', when: ['manualJudgment'] }] }))).toStrictEqual([]);
  });
});

describe('expressions', () => {
  // A stand-in for the real parser: flags the word "bad" wherever it appears.
  const checkExpression: TemplateChecker = (template) => {
    const at = template.indexOf('bad');
    return at === -1 ? [] : [{ offset: at, length: 3, message: 'unexpected "bad"' }];
  };

  it('asks the injected parser about every template of every stage', () => {
    const result = issues(
      {
        stages: [
          wait('1', { waitTime: '${bad}', stageEnabled: { type: 'expression', expression: 'bad == 1' } }),
          wait('2', { comments: 'text then ${bad} inside', custom: { deep: ['${ok}', '${bad}'] } }),
          wait('3', { comments: 'text ${bad}', failOnFailedExpressions: true }),
          wait('4', { comments: '${bad}', skipExpressionEvaluation: true }),
          { refId: '5', name: 'Check', type: 'checkPreconditions', preconditions: [{ type: 'expression', context: { expression: '${1 == bad}' } }] },
        ],
      },
      { checkExpression },
    );
    expect(brief(result)).toStrictEqual([
      // Conditions are written with or without ${}; the position is in what the author wrote.
      'error stages[0].stageEnabled.expression: expression error at character 1: unexpected "bad"',
      // A whole-value expression that cannot parse leaves the field holding text: error.
      'error stages[0].waitTime: expression error at character 3: unexpected "bad"',
      // Inside longer text a failure only leaves text behind: warning...
      'warning stages[1].comments: expression error at character 13: unexpected "bad"',
      'error stages[1].custom.deep[1]: expression error at character 3: unexpected "bad"',
      // ...unless the stage fails on failed expressions.
      'error stages[2].comments: expression error at character 8: unexpected "bad"',
      'error stages[4].preconditions[0].context.expression: expression error at character 8: unexpected "bad"',
    ]);
  });

  it('turns a crash of the injected parser into a finding', () => {
    const result = issues({ stages: [wait('1', { waitTime: '${1}' })] }, {
      checkExpression: () => {
        throw new Error('parser bug');
      },
    });
    expect(brief(result)).toStrictEqual(['error stages[0].waitTime: expression error at character 1: could not be checked (parser bug)']);
  });

  it('finds unclosed and empty templates without a parser', () => {
    expect(checkTemplateBraces("a ${ b['}'] } c ${d")).toStrictEqual([{ offset: 16, length: 3, message: 'the expression is not closed with "}"' }]);
    expect(checkTemplateBraces('${ }')).toStrictEqual([{ offset: 0, length: 4, message: 'the expression is empty' }]);
    expect(checkTemplateBraces('${a} and ${ {1:2} }')).toStrictEqual([]);
  });
});

describe('references to accounts and pipelines', () => {
  const pipelines = [
    { id: 'child-id', name: 'Child', application: 'shop' },
    { id: 'other-id', name: 'Other', application: 'elsewhere' },
  ];

  it('warns about accounts Foresail does not have, skipping expressions', () => {
    const result = issues(
      {
        stages: [
          { refId: '1', name: 'A', type: 'scaleManifest', account: 'prod', manifestName: 'deployment a', replicas: 1 },
          { refId: '2', name: 'B', type: 'scaleManifest', account: 'mars', manifestName: 'deployment a', replicas: 1 },
          { refId: '3', name: 'C', type: 'scaleManifest', account: '${parameters.account}', manifestName: 'deployment a', replicas: 1 },
          { refId: '4', name: 'D', type: 'runJobManifest', credentials: 'venus', manifest: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' } } },
        ],
      },
      { accounts: ['prod'] },
    );
    expect(brief(result)).toStrictEqual(['warning stages[1].account: account "mars" is not configured in Foresail, or you may not use it', 'warning stages[3].account: account "venus" is not configured in Foresail, or you may not use it']);
  });

  it('refuses canary stages naming a metrics account the saver may not use (unknown reads the same), skipping expressions', () => {
    const canary = (refId: string, metricsAccountName?: string) => ({
      refId,
      name: `Canary ${refId}`,
      type: 'kayentaCanary',
      analysisType: 'realTime',
      canaryConfig: { canaryConfigId: 'c', lifetimeDuration: 'PT1H', scopes: [{ controlScope: 'b', experimentScope: 'c' }], ...(metricsAccountName ? { metricsAccountName } : {}) },
    });
    const stages = [canary('1', 'prod-metrics'), canary('2', 'lab-metrics'), canary('3', 'nope'), canary('4', '${parameters.metrics}'), canary('5')];
    expect(brief(issues({ stages }, { metricsAccounts: { usable: ['prod-metrics'] } }))).toStrictEqual([
      'error stages[1].canaryConfig.metricsAccountName: "lab-metrics" is not a metrics account you may use (accounts you may use: prod-metrics)',
      'error stages[2].canaryConfig.metricsAccountName: "nope" is not a metrics account you may use (accounts you may use: prod-metrics)',
    ]);
    // Naming none uses the only configured account, which this saver may not use.
    expect(brief(issues({ stages: [canary('5')] }, { metricsAccounts: { usable: [], defaultAccount: 'prod-metrics' } }))).toStrictEqual([
      'error stages[0].canaryConfig.metricsAccountName: needs a metrics account you may use (accounts you may use: none)',
    ]);
  });

  it('warns about pipeline stages and triggers naming pipelines that do not exist', () => {
    const stage = (refId: string, application: string, pipeline: string) => ({ refId, name: `Run ${refId}`, type: 'pipeline', application, pipeline });
    const result = issues(
      {
        stages: [stage('1', 'shop', 'child-id'), stage('2', 'shop', 'Child'), stage('3', 'shop', 'gone'), stage('4', 'shop', 'other-id'), stage('5', 'shop', 'self-id')],
        triggers: [{ type: 'pipeline', application: 'shop', pipeline: 'gone', status: ['successful'] }],
      },
      { pipelines },
    );
    expect(brief(result)).toStrictEqual([
      'warning stages[1].pipeline: refers to pipeline "Child" by name; use its id "child-id" (names can change)',
      'warning stages[2].pipeline: no pipeline with id "gone" exists in application "shop"',
      'warning stages[3].pipeline: pipeline "other-id" belongs to application "elsewhere", not "shop"',
      'warning stages[4].pipeline: no pipeline with id "self-id" exists in application "shop"',
      'warning triggers[0].pipeline: no pipeline with id "gone" exists in application "shop"',
      'warning stages[4].pipeline: runs this same pipeline, so every run starts another',
    ]);
  });
});

describe('webhook triggers (security review 13.5)', () => {
  const git = (extra: Record<string, unknown>) => ({ type: 'git', enabled: true, source: 'github', project: 'acme', slug: 'web', branch: 'main', ...extra });
  const triggerIssues = (triggers: unknown[]) => brief(issues({ stages: [wait('1')], triggers }));

  it('a git trigger without a secret saves with a warning; allowUnsigned: true with another; a secret with none', () => {
    expect(triggerIssues([git({})])).toStrictEqual([
      'warning triggers[0].secret: has no secret, so Foresail refuses unsigned GitHub deliveries to this trigger: set the same secret here and on the GitHub webhook (or allowUnsigned: true to accept unsigned pushes, as Spinnaker does)',
    ]);
    expect(triggerIssues([git({ allowUnsigned: true })])).toStrictEqual([
      'warning triggers[0].allowUnsigned: accepts unsigned pushes: anyone who can reach Foresail can start this pipeline by posting a push for this repository; set a webhook secret instead',
    ]);
    expect(triggerIssues([git({ secret: 'hush' })])).toStrictEqual([]);
  });

  it('patterns Java accepts but a linear-time engine cannot run (lookaround, back-references) save with a warning', () => {
    expect(triggerIssues([git({ secret: 'hush', branch: '(?!main$).*' })])).toStrictEqual([expect.stringMatching(/^warning triggers\[0\]\.branch: uses lookahead, lookbehind or back-references/)]);
    expect(triggerIssues([git({ secret: 'hush', branch: '(?i)main' })])).toStrictEqual([]);
  });
});

describe('speed', () => {
  /** A realistic mix of stage types, fanning out and in every few stages. */
  function bigPipeline(size: number): Record<string, unknown> {
    const stages = Array.from({ length: size }, (_, i) => {
      const requisiteStageRefIds = i === 0 ? [] : i % 5 === 0 ? [String(i - 1), String(i - 2), String(i - 3)] : [String(Math.max(0, i - 1 - (i % 3)))];
      const common = { refId: String(i), requisiteStageRefIds, name: `Stage ${i}` };
      switch (i % 4) {
        case 0:
          return {
            ...common,
            type: 'deployManifest',
            account: 'prod',
            manifests: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `app-${i}` }, spec: { replicas: '${#toInt(parameters.replicas)}' } }],
          };
        case 1:
          return { ...common, type: 'wait', waitTime: '${parameters.wait}' };
        case 2:
          return { ...common, type: 'webhook', url: `https://hooks.example.com/${i}`, method: 'post', payload: { n: i, tag: '${trigger.tag}' } };
        default:
          return { ...common, type: 'scaleManifest', account: 'prod', manifestName: `deployment app-${i}`, replicas: String(i % 7) };
      }
    });
    return { application: 'big', name: 'Two hundred stages', stages, parameterConfig: [{ name: 'replicas', default: '2' }, { name: 'wait', default: '5' }] };
  }

  it('validates a 200-stage pipeline in a few milliseconds (printed, not asserted)', () => {
    const input = bigPipeline(200);
    const runs = 50;
    const parseTimes: number[] = [];
    const validateTimes: number[] = [];
    for (let i = 0; i < runs + 10; i++) {
      const start = performance.now();
      const { pipeline, issues: shapeIssues } = parsePipeline(input);
      const parsed = performance.now();
      const found = pipeline ? validatePipeline(pipeline, { accounts: ['prod'] }) : [];
      const done = performance.now();
      expect([...shapeIssues, ...found]).toStrictEqual([]);
      if (i < 10) continue; // let the JIT warm up, as a long-running server would be
      parseTimes.push(parsed - start);
      validateTimes.push(done - parsed);
    }
    const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]?.toFixed(2);
    console.log(`200-stage pipeline: parse ${median(parseTimes)} ms, validate ${median(validateTimes)} ms (medians of ${runs} runs)`);
  });
});

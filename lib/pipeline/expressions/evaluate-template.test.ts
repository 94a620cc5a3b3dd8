import { describe, expect, it } from 'vitest';
import { evaluateTemplate } from './index';
import { testContext } from './test-context';

const ctx = testContext();

/** Evaluates and insists on a clean result. */
function value(template: string): unknown {
  const result = evaluateTemplate(template, ctx);
  expect(result.issues).toEqual([]);
  return result.value;
}

/** Evaluates something that must fail: the text stays as written and one issue explains why. */
function failure(template: string): { kind: string | undefined; message: string } {
  const result = evaluateTemplate(template, ctx);
  expect(result.value).toBe(template);
  expect(result.issues).toHaveLength(1);
  const [issue] = result.issues;
  expect(issue?.expression).toBe(template);
  return { kind: issue?.kind, message: issue?.message ?? '' };
}

type Row = [string, unknown];

describe('literals', () => {
  it.each<Row>([
    ["${'text'}", 'text'],
    ['${"text"}', 'text'],
    ["${'it''s'}", "it's"],
    ['${"say ""hi"""}', 'say "hi"'],
    ["${ 'a}b' }", 'a}b'],
    ["${''}", ''],
    ['${42}', 42],
    ['${1.5}', 1.5],
    ['${1e3}', 1000],
    ['${0x1F}', 31],
    ['${10L}', 10],
    ['${2.5f}', 2.5],
    ['${true}', true],
    ['${FALSE}', false],
    ['${{1, 2}}', [1, 2]],
    ['${{}}', []],
    ['${{:}}', {}],
    ["${{a: 1, 'b-c': 'x', 3: {true}}}", { a: 1, 'b-c': 'x', 3: [true] }],
  ])('%s gives %j', (template, expected) => expect(value(template)).toEqual(expected));
});

describe('property, index and safe navigation', () => {
  it.each<Row>([
    ['${parameters.env}', 'staging'],
    ["${parameters['env']}", 'staging'],
    ['${parameters["env"]}', 'staging'],
    ['${trigger.parameters.replicas}', '4'],
    ["${trigger['payload']['commits'][1].id}", 'def456'],
    ['${weights[2]}', 70],
    ["${weights['1']}", 20],
    ['${parameters.env[0]}', 's'],
    ['${#root.parameters.env}', 'staging'],
    ['${#this.replicas}', 3],
    ["${['new_image']}", 'registry.example.com/app:1.4.2'],
    ["${nothing?.foo ?: 'none'}", 'none'],
    ["${parameters.missing?.length() ?: 'none'}", 'none'],
    ['${deployedServerGroups?.[0]?.serverGroup}', 'app-v002'],
    ['${flags.canary}', true],
    ["${#stage('Deploy').context['deploy.server.groups']['us-east-1'][0]}", 'app-v002'],
  ])('%s gives %j', (template, expected) => expect(value(template)).toEqual(expected));
});

describe('operators', () => {
  it.each<Row>([
    ['${1 + 2}', 3],
    ["${'a' + 1}", 'a1'],
    ["${1 + 'a'}", '1a'],
    ["${'a' + null}", 'anull'],
    ["${'v' + {1, 2}}", 'v1,2'],
    ['${7 / 2}', 3],
    ['${-7 / 2}', -3],
    ['${7.5 / 2}', 3.75],
    ['${7 % 3}', 1],
    ['${2 ^ 10}', 1024],
    ['${10 div 4}', 2],
    ['${10 MOD 4}', 2],
    ['${-replicas}', -3],
    ['${2 * 3 + 4}', 10],
    ['${2 * (3 + 4)}', 14],
    ['${1 + 2 * 3 ^ 2}', 19],
    ['${replicas == 3}', true],
    ['${replicas eq 3}', true],
    ["${'a' < 'b'}", true],
    ['${3 >= 3}', true],
    ['${replicas gt 2}', true],
    ['${replicas le 2}', false],
    ['${null lt 1}', true],
    ["${parameters.env != 'prod'}", true],
    ["${parameters.env ne 'staging'}", false],
    ["${'1' == 1}", false],
    ['${nothing == null}', true],
    ['${{1, 2} == {1, 2}}', true],
    ['${flags == {canary: true, dryRun: false}}', true],
    ['${true and false}', false],
    ['${true && !false}', true],
    ['${not false}', true],
    ['${false or true}', true],
    ['${false || false}', false],
    ['${parameters.enabled and true}', true],
    ['${false and 1 / 0 == 1}', false],
    ['${true or 1 / 0 == 1}', true],
    ["${replicas > 2 ? 'many' : 'few'}", 'many'],
    ["${replicas > 5 ? 'many' : replicas > 1 ? 'some' : 'few'}", 'some'],
    ["${parameters.empty ?: 'fallback'}", 'fallback'],
    ["${nothing ?: 'fallback'}", 'fallback'],
    ["${parameters.missing ?: nothing ?: 'deep'}", 'deep'],
    ['${0 ?: 1}', 0],
    ['${flags.dryRun ?: true}', false],
  ])('%s gives %j', (template, expected) => expect(value(template)).toEqual(expected));
});

describe('selection and projection', () => {
  it.each<Row>([
    ['${weights.?[#this > 15]}', [20, 70]],
    ['${weights.^[#this > 15]}', 20],
    ['${weights.$[#this > 15]}', 70],
    ['${weights.![#this * 2]}', [20, 40, 140]],
    ['${weights.?[#this > #root.replicas * 5]}', [20, 70]],
    ["${#stage('Get Info').outputs.artifacts.![type]}", ['kubernetes/configMap', 'docker/image', 'docker/image']],
    ["${#stage('Get Info').outputs.artifacts.?[type == 'docker/image'].![reference]}", ['registry.example.com/app:1.4.2', 'registry.example.com/sidecar:0.9']],
    ["${#stage('Get Info').outputs.artifacts.?[name.contains('sidecar')][0].reference}", 'registry.example.com/sidecar:0.9'],
    ["${#stage('Get Info').outputs.artifacts.$[type == 'docker/image'].reference}", 'registry.example.com/sidecar:0.9'],
    ['${flags.?[value == true]}', { canary: true }],
    ['${flags.![key]}', ['canary', 'dryRun']],
    ["${flags.^[key.startsWith('dry')]}", { dryRun: false }],
    ['${weights.?[#this > 100]}', []],
    ['${{1, 2, 3}.![{#this, #this * 10}]}', [[1, 10], [2, 20], [3, 30]]],
    ['${nothing?.![#this] ?: {}}', []],
    ["${#stage('Get Info').outputs.artifacts.?[parameters == null].size()}", 3],
    ["${#stage('Get Info').outputs.artifacts.?[type == #root.trigger.artifacts[0].type].size()}", 2],
  ])('%s gives %j', (template, expected) => expect(value(template)).toEqual(expected));
});

describe('mixed text and typed results', () => {
  it.each<Row>([
    ['image ${new_image} in ${parameters.env}', 'image registry.example.com/app:1.4.2 in staging'],
    ['${replicas}${replicas}', '33'],
    [' ${replicas}', ' 3'],
    ['flags: ${flags}', 'flags: {canary=true, dryRun=false}'],
    ['list: ${weights}', 'list: 10,20,70'],
    ['ok: ${flags.canary}', 'ok: true'],
    ['$ {x} and $notexpr and {x} and $', '$ {x} and $notexpr and {x} and $'],
    ['${replicas}', 3],
    ["${#stage('Canary').context.canaryScore}", 62.5],
  ])('%j gives %j', (template, expected) => expect(value(template)).toEqual(expected));

  it('returns a copy of structured values, never the caller’s object', () => {
    const flags = value('${flags}');
    expect(flags).toEqual({ canary: true, dryRun: false });
    expect(flags).not.toBe(ctx.variables.flags);
  });

  it('leaves a failing or null expression in mixed text as written and evaluates the rest', () => {
    const result = evaluateTemplate('a ${1 / 0} b ${replicas} c ${nothing}', ctx);
    expect(result.value).toBe('a ${1 / 0} b 3 c ${nothing}');
    expect(result.issues.map((issue) => [issue.expression, issue.kind, issue.message])).toEqual([
      ['${1 / 0}', 'error', 'division by zero'],
      ['${nothing}', 'not-found', 'the expression evaluated to null'],
    ]);
  });
});

describe('functions', () => {
  it.each<Row>([
    ["${#toInt('42')}", 42],
    ['${#toInt(7)}', 7],
    ["${#toInt('+5')}", 5],
    ["${#toFloat('1.5')}", 1.5],
    ["${#toFloat(' 2.5f ')}", 2.5],
    ["${#toBoolean('TRUE')}", true],
    ["${#toBoolean('yes')}", false],
    ['${#toBoolean(nothing)}', false],
    ['${#toJson(flags)}', '{"canary":true,"dryRun":false}'],
    ["${#toJson({a: 'x\"y', b: {1, null}})}", '{"a":"x\\"y","b":[1,null]}'],
    ["${#readJson('{\"a\": [1, 2]}').a[1]}", 2],
    ["${#toBase64('hello')}", 'aGVsbG8='],
    ["${#fromBase64('aGVsbG8=')}", 'hello'],
    ["${#fromBase64('aGVsbG8')}", 'hello'],
    ["${#fromBase64(#toBase64('héllo wörld ✓'))}", 'héllo wörld ✓'],
    ["${#alphanumerical('app-v1.2_x')}", 'appv12x'],
    ["${#stage('Deploy').status}", 'SUCCEEDED'],
    ["${#stage('01HZDEPLOY').name}", 'Deploy'],
    ["${#stageByRefId('3').status}", 'TERMINAL'],
    ["${#stageExists('Deploy')}", true],
    ["${#stageExists('Nope')}", false],
    ["${#judgment('Approve')}", 'Continue'],
    ["${#judgement('Approve')}", 'Continue'],
    ["${#pipelineId('Deploy to prod')}", '7f1c2a9e-prod'],
    ["${#pipelineIdOrNull('Nope') ?: 'none'}", 'none'],
    ["${#triggerResolvedArtifact('registry.example.com/app').reference}", 'registry.example.com/app:1.4.2'],
    ["${#triggerResolvedArtifactByType('docker/image').name}", 'registry.example.com/app'],
    ['${#currentUser()}', 'alice'],
  ])('%s gives %j', (template, expected) => expect(value(template)).toEqual(expected));
});

describe('failures leave the text unchanged and name the problem', () => {
  it.each<[string, string, string]>([
    ['${parameters.nope}', 'not-found', "parameters has no key 'nope'"],
    ['${nope}', 'not-found', "there is no variable or key 'nope'"],
    ['${parameters.env.foo}', 'error', "'parameters.env' is a string, which has no property 'foo'"],
    ['${parameters.nope.foo}', 'error', "'parameters.nope' is null or missing, so .foo cannot be read (use ?. to allow null)"],
    ['${weights[5]}', 'error', "index 5 is out of range: 'weights' has 3 items"],
    ['${deployedServerGroups.serverGroup}', 'error', '.![serverGroup]'],
    ['${parameters.env.intValue()}', 'error', '#toInt'],
    ['${weights.length()}', 'error', 'use size()'],
    ["${#stage('Nope').status}", 'error', "there is no stage named 'Nope'"],
    ["${#pipelineId('Nope')}", 'error', "there is no pipeline named 'Nope'"],
    ["${#triggerResolvedArtifact('x')}", 'error', "the trigger has no resolved artifact named 'x'"],
    ["${'5' > 3}", 'error', 'cannot compare a string with a number'],
    ['${parameters.env ? 1 : 2}', 'error', "must be true or false, but is the text 'staging'"],
    ['${weights.?[#this]}', 'error', 'must be true or false, not a number'],
    ["${#toInt('1.5')}", 'error', "#toInt: '1.5' is not a whole number"],
    ["${#toInt('99999999999')}", 'error', 'not a whole number'],
    ["${#toFloat('abc')}", 'error', 'is not a number'],
    ["${#fromBase64('!!')}", 'error', 'is not valid base64'],
    ["${#readJson('nope')}", 'error', 'not valid JSON'],
    ["${#toJson('${x}')}", 'error', 'would contain an expression'],
    ["${'a.b'.split('.')}", 'error', 'regular expression'],
    ["${'abc'.substring(2, 9)}", 'error', 'out of range'],
    ['${1 / 0}', 'error', 'division by zero'],
    ['${weights.^[#this > 100]}', 'not-found', 'evaluated to null'],
    ['${parameters + 1}', 'error', 'does not work on a map and a number'],
  ])('%s', (template, kind, message) => {
    const issue = failure(template);
    expect(issue.kind).toBe(kind);
    expect(issue.message).toContain(message);
  });

  it('reports a helper the caller did not provide', () => {
    const result = evaluateTemplate("${#judgment('Approve')}", testContext({ helpers: { stage: () => undefined } }));
    expect(result.issues[0]?.message).toBe('#judgment() is not available here');
  });

  it('turns a throwing helper into an issue', () => {
    const helpers = { stage: (): undefined => { throw new Error('database is down'); } };
    const result = evaluateTemplate("${#stage('Deploy')}", testContext({ helpers }));
    expect(result.issues[0]?.message).toBe("#stage('Deploy') failed: database is down");
  });
});

import { describe, expect, it } from 'vitest';
import { assessPipeline } from './assess';
import { parsePipelineImport } from './import';
import type { ValidationIssue } from './issues';
import { pipelineConfigSchema, type PipelineConfig } from './schema/pipeline';
import { isKnownStageType, stageConfigSchemas } from './schema/stages';
import { isKnownTriggerType, triggerSchemas } from './schema/triggers';

// Vite's glob import keeps lib/pipeline free of node:fs (it is isomorphic, and ESLint enforces it).
const valid = import.meta.glob<unknown>('/e2e/fixtures/pipelines/*.json', { eager: true, import: 'default' });
const invalid = import.meta.glob<unknown>('/e2e/fixtures/pipelines/invalid/*.json', { eager: true, import: 'default' });

const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The raw pipelines of any import shape (the parser's own unpacking is what is under test elsewhere). */
function rawPipelines(input: unknown): Record<string, unknown>[] {
  if (Array.isArray(input)) return input.filter(isRecord);
  if (isRecord(input) && Array.isArray(input.pipelines)) return input.pipelines.filter(isRecord);
  return isRecord(input) ? [input] : [];
}

/**
 * Every raw value survives: same keys, same leaves up to the documented coercions ("5" → 5, 1 → "1",
 * "true" → true, "post" → "POST"). A known field's null or "" means absent: dropped or defaulted
 * (unknown keys are compared exactly by expectUnknownKeysIntact).
 */
function expectPreserved(raw: unknown, parsed: unknown, path: string): void {
  if (raw === null || raw === '') return;
  if (Array.isArray(raw)) {
    expect(Array.isArray(parsed), `${path} stays a list`).toBe(true);
    const list = parsed as unknown[];
    expect(list.length, `${path} keeps its length`).toBe(raw.length);
    raw.forEach((item, i) => expectPreserved(item, list[i], `${path}[${i}]`));
    return;
  }
  if (isRecord(raw)) {
    expect(isRecord(parsed), `${path} stays an object`).toBe(true);
    const object = parsed as Record<string, unknown>;
    for (const [key, value] of Object.entries(raw)) expectPreserved(value, object[key], `${path}.${key}`);
    return;
  }
  if (raw === parsed) return;
  expect(String(parsed).toLowerCase(), `${path} keeps its value`).toBe(String(raw).toLowerCase());
}

/** Keys a schema does not declare must come back exactly as written. */
function expectUnknownKeysIntact(raw: Record<string, unknown>, parsed: Record<string, unknown>, known: ReadonlySet<string>, path: string): void {
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) expect(parsed[key], `${path}.${key} (unknown key)`).toStrictEqual(raw[key]);
  }
}

const pipelineKeys = new Set(Object.keys(pipelineConfigSchema.shape));

function expectRoundTrip(raw: Record<string, unknown>, pipeline: PipelineConfig): void {
  expectPreserved(raw, pipeline, 'pipeline');
  expectUnknownKeysIntact(raw, pipeline, pipelineKeys, 'pipeline');
  const rawStages = Array.isArray(raw.stages) ? raw.stages.filter(isRecord) : [];
  rawStages.forEach((stage, i) => {
    const type = stage.type;
    const parsed = pipeline.stages[i];
    expect(parsed).toBeDefined();
    if (!parsed) return;
    if (!isKnownStageType(type)) {
      // Unknown types are stored as written (plus the normalised DAG fields).
      const { refId: _r, requisiteStageRefIds: _q, ...rest } = parsed;
      const { refId: _rr, requisiteStageRefIds: _rq, ...rawRest } = stage;
      expect(rest).toStrictEqual(rawRest);
      return;
    }
    expectUnknownKeysIntact(stage, parsed, new Set(Object.keys(stageConfigSchemas[type].shape)), `stages[${i}]`);
  });
  const rawTriggers = Array.isArray(raw.triggers) ? raw.triggers.filter(isRecord) : [];
  rawTriggers.forEach((trigger, i) => {
    const parsed = pipeline.triggers[i] as Record<string, unknown>;
    const known = isKnownTriggerType(trigger.type) ? new Set(Object.keys(triggerSchemas[trigger.type].shape)) : new Set(['enabled', 'expectedArtifactIds']);
    expectUnknownKeysIntact(trigger, parsed, known, `triggers[${i}]`);
  });
  // The DAG is normalised: string refIds, requisites that exist, linear when none were given.
  for (const stage of pipeline.stages) {
    expect(typeof stage.refId).toBe('string');
    expect(stage.requisiteStageRefIds.every((r) => typeof r === 'string')).toBe(true);
  }
  if (rawStages.length > 0 && rawStages.every((s) => s.refId === undefined || s.refId === null)) {
    expect(pipeline.stages.map((s) => [s.refId, s.requisiteStageRefIds])).toStrictEqual(rawStages.map((_, i) => [String(i), i === 0 ? [] : [String(i - 1)]]));
  }
  // Saved output parses back to itself (what the API stores is stable).
  expect(pipelineConfigSchema.parse(JSON.parse(JSON.stringify(pipeline)))).toStrictEqual(JSON.parse(JSON.stringify(pipeline)));
}

describe('valid fixtures', () => {
  it('finds the fixture files', () => {
    expect(Object.keys(valid).length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(invalid).length).toBeGreaterThanOrEqual(6);
  });

  for (const [path, input] of Object.entries(valid)) {
    it(`${fileName(path)} parses, validates without errors and round-trips`, () => {
      const result = parsePipelineImport(input);
      const raws = rawPipelines(input);
      expect(result.items).toHaveLength(raws.length);
      result.items.forEach((item, i) => {
        expect(item.issues.filter((issue) => issue.severity === 'error')).toStrictEqual([]);
        expect(item.pipeline).toBeDefined();
        const raw = raws[i];
        if (item.pipeline && raw) expectRoundTrip({ application: result.application, ...raw }, item.pipeline);
      });
    });
  }

  it('keeps the warnings real data deserves: unknown stage and trigger types, git triggers without a secret', () => {
    const warnings = (file: string) => parsePipelineImport(valid[`/e2e/fixtures/pipelines/${file}`]).items.flatMap((item) => item.issues);
    // Its disableManifest runs now (issue 16 item 4); its deploy's traffic management does not, and says so.
    expect(warnings('blue-green.json')).toStrictEqual([
      {
        path: 'stages[0].trafficManagement.enabled',
        severity: 'warning',
        message:
          'is true, but Foresail does not manage traffic in deployManifest yet: the manifests are deployed as written, no Service selector is added and older versions are neither disabled nor deleted (redblack, highlander). Use enableManifest/disableManifest stages (Service-selector traffic) or a trafficSplit stage instead',
      },
      // Spinnaker accepts unsigned pushes; the pipeline still imports, and Foresail refuses them until a secret (or allowUnsigned) is set.
      { path: 'triggers[0].secret', severity: 'warning', message: 'has no secret, so Foresail refuses unsigned GitHub deliveries to this trigger: set the same secret here and on the GitHub webhook (or allowUnsigned: true to accept unsigned pushes, as Spinnaker does)' },
    ]);
    expect(warnings('linear-legacy.json').map((i) => i.path)).toStrictEqual(['stages[2].type', 'triggers[1].type']);
  });

  it('linearises the pipeline without refIds and keeps its legacy keys', () => {
    const [item] = parsePipelineImport(valid['/e2e/fixtures/pipelines/linear-legacy.json']).items;
    const pipeline = item?.pipeline;
    expect(pipeline?.stages.map((s) => `${s.refId}<-${s.requisiteStageRefIds.join(',')}`)).toStrictEqual(['0<-', '1<-0', '2<-1', '3<-2']);
    expect(pipeline).toMatchObject({ appConfig: {}, executionEngine: 'v2', parallel: false, updateTs: '1499898765432', limitConcurrent: true });
    expect(pipeline?.stages[0]).toMatchObject({ type: 'wait', waitTime: 30 });
  });

  it('turns numeric refIds into strings and keeps the fan-in', () => {
    const [item] = parsePipelineImport(valid['/e2e/fixtures/pipelines/numeric-refids.json']).items;
    expect(item?.pipeline?.stages.map((s) => [s.refId, s.requisiteStageRefIds])).toStrictEqual([
      ['1', []],
      ['2', ['1']],
      ['3', ['1']],
      ['4', ['2', '3']],
      ['5', ['4']],
      ['6', ['5']],
    ]);
  });
});

/** What each invalid fixture must produce, exactly (also listed in e2e/fixtures/pipelines/README.md). */
const expectedIssues: Record<string, [path: string, message: string][]> = {
  'cycle.json': [['stages[1].requisiteStageRefIds[1]', 'stages form a cycle: b → c → d → b']],
  'missing-requisite.json': [['stages[2].requisiteStageRefIds[0]', 'requires stage "9", but no stage has that refId']],
  'duplicate-refids.json': [['stages[2].refId', 'refId "2" is already used by stages[1]; refIds must be unique']],
  'bad-cron.json': [
    [
      'triggers[0].cronExpression',
      'needs 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), not 5; Foresail uses Quartz syntax, e.g. "0 0 12 ? * MON-FRI" for noon on weekdays',
    ],
    ['triggers[1].cronExpression', 'needs "?" in either day-of-month or day-of-week (Quartz cannot use both), e.g. "0 0 12 * * ?"'],
    ['triggers[2].cronExpression', 'the minutes field "61" must use values in 0-59'],
    ['triggers[2].cronExpression', 'the day-of-week field "FUN" must use values in 1-7 or SUN-SAT'],
  ],
  'bad-triggers.json': [
    ['triggers[0].branch', 'is not a valid regular expression (Unterminated group)'],
    ['triggers[1].tag', 'is not a valid regular expression (Unterminated character class)'],
    ['triggers[1].expectedArtifactIds[1]', 'refers to expected artifact "chart", which the pipeline does not define'],
    ['triggers[2].source', 'needs a source: the last part of /webhooks/webhook/{source}'],
    ['triggers[2].payloadConstraints.ref', 'is not a valid regular expression (Nothing to repeat)'],
    ['triggers[3].status[0]', '"succeeded" is not one of successful, failed, canceled'],
  ],
  'bad-shape.json': [['stages[3].type', 'every stage needs a type']],
  'bad-stage-fields.json': [
    ['stages[0].manifests', 'needs at least one manifest to deploy'],
    ['stages[1].url', 'must be an absolute http:// or https:// URL'],
    ['stages[1].statusJsonPath', 'needs the JSON path of the status in the status response when waiting for completion'],
    ['stages[2].canaryConfig.scoreThresholds.marginal', 'the marginal threshold (80) must not be above the pass threshold (60)'],
    ['stages[2].canaryConfig.lifetimeDuration', 'must be an ISO-8601 duration such as "PT1H" or "PT0H30M"'],
    ['stages[2].canaryConfig.scopes[0].experimentScope', 'needs the canary (experiment) scope'],
    ['stages[3].weights', 'weights add up to 90; they must add up to 100'],
    ['parameterConfig[1].name', 'parameter "env" is already defined at parameterConfig[0]'],
    ['parameterConfig[0].default', 'the default "qa" is not one of the options'],
    ['stages[0].requiredArtifactIds[0]', 'refers to expected artifact "missing-image", which is not defined in this pipeline'],
  ],
};

/** Findings that mean "not a pipeline" (a graph without one meaning, a stage without a type): refused even by an import. */
const structuralFixtures = new Set(['cycle.json', 'missing-requisite.json', 'duplicate-refids.json', 'bad-shape.json']);

describe('invalid fixtures', () => {
  it('has an expectation for every invalid fixture', () => {
    expect(Object.keys(invalid).map(fileName).sort()).toStrictEqual(Object.keys(expectedIssues).sort());
  });

  for (const [path, input] of Object.entries(invalid)) {
    const file = fileName(path);
    const expected = (expectedIssues[file] ?? []).map(([issuePath, message]) => ({ path: issuePath, message, severity: 'error' }));

    it(`${file} yields exactly the expected issues, as errors when saved from the editor`, () => {
      expect(assessPipeline(input).issues).toStrictEqual(expected);
    });

    it(`${file} ${structuralFixtures.has(file) ? 'is refused by an import too' : 'imports, each issue a warning saying what happens at run time'}`, () => {
      const { items } = parsePipelineImport(input);
      expect(items).toHaveLength(1);
      const issues: ValidationIssue[] = items[0]?.issues ?? [];
      if (structuralFixtures.has(file)) {
        expect(issues).toStrictEqual(expected);
        return;
      }
      expect(issues.map((i) => [i.path, i.severity])).toStrictEqual(expected.map((i) => [i.path, 'warning']));
      issues.forEach((issue, i) => expect(issue.message).toMatch(new RegExp(`^${escapeRegExp(expected[i]?.message ?? '')}; (the stage fails when a run reaches it|this trigger does not start the pipeline|manual runs may be refused)`)));
      expect(items[0]?.config).toBeDefined();
    });
  }

  it('bad-shape.json without its typeless stage imports, keeping each unreadable value as written', () => {
    const raw = invalid['/e2e/fixtures/pipelines/invalid/bad-shape.json'] as { stages: unknown[] };
    const [item] = parsePipelineImport({ ...raw, stages: raw.stages.slice(0, 3) }).items;
    expect(item?.issues.map((i) => [i.severity, i.path, i.message.slice(0, i.message.indexOf(';'))])).toStrictEqual([
      ['warning', 'stages[0].waitTime', 'must be a whole number (found "soon")'],
      ['warning', 'stages[1].replicas', 'must be at least 0 (found "-1")'],
      ['warning', 'stages[2].manifests', 'must be a list, not an object (found {"kind":"Deployment"})'],
      ['warning', 'limitConcurrent', 'must be true or false (found "sometimes")'],
      ['warning', 'stages[2].account', 'needs an account (the Kubernetes cluster to deploy to)'],
      ['warning', 'stages[2].manifests', 'needs at least one manifest to deploy'],
    ]);
    expect(item?.config).toMatchObject({ limitConcurrent: 'sometimes', stages: [{ waitTime: 'soon' }, { replicas: '-1' }, { manifests: { kind: 'Deployment' } }] });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

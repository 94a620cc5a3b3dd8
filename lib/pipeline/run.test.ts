import { describe, expect, it } from 'vitest';
import { parsePipeline } from './parse';
import { parseStageForRun } from './run';

describe('parseStageForRun', () => {
  it('returns the stage typed for its handler, numbers read from strings', () => {
    const result = parseStageForRun({ refId: '1', type: 'scaleManifest', account: 'prod', manifestName: 'deployment web', replicas: '3', extra: { kept: true } });
    expect(result).toStrictEqual({
      ok: true,
      stage: { refId: '1', type: 'scaleManifest', account: 'prod', manifestName: 'deployment web', replicas: 3, extra: { kept: true } },
    });
    if (result.ok && result.stage.type === 'scaleManifest') {
      const replicas: number = result.stage.replicas; // run mode: a number, never an expression
      expect(replicas).toBe(3);
    }
  });

  it('refuses an expression left in a typed field, which config mode accepts', () => {
    const stage = { refId: '1', type: 'wait', waitTime: '${parameters.wait}' };
    expect(parsePipeline({ application: 'a', name: 'n', stages: [stage] }).issues).toStrictEqual([]);
    expect(parseStageForRun(stage)).toStrictEqual({
      ok: false,
      issues: [{ path: 'waitTime', message: 'still holds an unevaluated ${…} expression; it must evaluate to a value before the stage runs', severity: 'error' }],
    });
  });

  it('refuses expressions in nested typed fields and booleans too', () => {
    const result = parseStageForRun({
      type: 'kayentaCanary',
      failPipeline: '${parameters.strict}',
      canaryConfig: { canaryConfigId: 'c', lifetimeDuration: 'PT1H', scoreThresholds: { pass: '${parameters.pass}' }, scopes: [{ controlScope: 'a', experimentScope: 'b' }] },
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toStrictEqual(['failPipeline', 'canaryConfig.scoreThresholds.pass']);
  });

  it('keeps expressions in text fields (they are text either way)', () => {
    expect(parseStageForRun({ type: 'webhook', url: 'https://x.example.com/${unresolved}' }).ok).toBe(true);
  });

  it('applies the type rules that need no pipeline (errors only)', () => {
    expect(parseStageForRun({ type: 'deployManifest', account: '', manifests: [] })).toStrictEqual({
      ok: false,
      issues: [
        { path: 'account', message: 'needs an account (the Kubernetes cluster to deploy to)', severity: 'error' },
        { path: 'manifests', message: 'needs at least one manifest to deploy', severity: 'error' },
      ],
    });
    // A duplicated judgment option is only a warning, so the stage still runs.
    expect(parseStageForRun({ type: 'manualJudgment', judgmentInputs: [{ value: 'a' }, { value: 'a' }] }).ok).toBe(true);
  });

  it('fails unknown stage types with a clear message', () => {
    const result = parseStageForRun({ type: 'bakeCloudFoundryManifest', templateRenderer: 'HELM3' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.issues[0]?.message).toMatch(/^Foresail cannot run stages of type "bakeCloudFoundryManifest" \(it runs deployManifest, /);
    expect(parseStageForRun({ name: 'no type' })).toStrictEqual({
      ok: false,
      issues: [{ path: 'type', message: 'the stage has no type, so Foresail cannot run it', severity: 'error' }],
    });
    expect(parseStageForRun(null).ok).toBe(false);
  });
});

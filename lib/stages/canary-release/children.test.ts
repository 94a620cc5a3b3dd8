import { describe, expect, it } from 'vitest';
import { parseStageForRun } from '../../pipeline';
import { canaryReleaseChildren, type CanaryReleaseConfig } from './children';
import { copyOf, serviceCopyOf, targetContainer } from './workloads';

function config(extra: Record<string, unknown> = {}): CanaryReleaseConfig {
  const parsed = parseStageForRun({
    type: 'canaryRelease',
    refId: 'rel',
    name: 'Release',
    account: 'prod',
    namespace: 'shop',
    production: { kind: 'Deployment', name: 'web' },
    image: 'registry.example/web:2',
    replicas: 2,
    traffic: { production: 80, baseline: 10, canary: 10 },
    router: { kind: 'VirtualService', name: 'web' },
    canaryConfig: { canaryConfigName: 'web', lifetimeDuration: 'PT10M', scoreThresholds: { pass: 80, marginal: 60 }, scopes: [{ controlScope: 'web-baseline', experimentScope: 'web-canary' }] },
    ...extra,
  });
  if (!parsed.ok || parsed.stage.type !== 'canaryRelease') throw new Error(JSON.stringify(parsed));
  return parsed.stage;
}

const production = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 5,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'sidecar', image: 'proxy:1' }, { name: 'app', image: 'registry.example/web:1', ports: [{ containerPort: 8080 }] }] } },
  },
};

describe('canaryRelease children', () => {
  it('shifts, analyses, promotes, restores and deletes, in that order, each a valid stage', () => {
    const children = canaryReleaseChildren(config());
    expect(children.map((c) => [c.owner, c.type])).toEqual([
      ['STAGE_AFTER', 'trafficSplit'],
      ['STAGE_AFTER', 'kayentaCanary'],
      ['STAGE_AFTER', 'patchManifest'],
      ['STAGE_AFTER', 'trafficSplit'],
      ['STAGE_AFTER', 'deleteManifest'],
      ['STAGE_AFTER', 'evaluateVariables'],
    ]);
    expect(children[0]?.context.weights).toEqual([
      { destination: 'web', weight: 80 },
      { destination: 'web-baseline', weight: 10 },
      { destination: 'web-canary', weight: 10 },
    ]);
    expect(children[3]?.context.weights).toEqual([
      { destination: 'web', weight: 100 },
      { destination: 'web-baseline', weight: 0 },
      { destination: 'web-canary', weight: 0 },
    ]);
    // Every child must pass its own schema as planned (expressions are still text then).
    for (const child of children) {
      const parsed = parseStageForRun({ ...child.context, type: child.type, refId: 'x', name: child.name });
      expect(parsed.ok, `${child.name}: ${JSON.stringify(parsed)}`).toBe(true);
    }
  });

  it('keeps the real thresholds when a marginal score fails the release', () => {
    const analysis = canaryReleaseChildren(config()).find((c) => c.type === 'kayentaCanary');
    expect((analysis?.context.canaryConfig as { scoreThresholds: unknown }).scoreThresholds).toEqual({ pass: 80, marginal: 60 });
  });

  it("tells the analysis the canary's share of canary + baseline traffic, for foresail-v1's count metrics", () => {
    const { baseline, canary } = config().traffic;
    const analysis = canaryReleaseChildren(config()).find((c) => c.type === 'kayentaCanary');
    expect((analysis?.context.canaryConfig as { canaryTrafficShare: number }).canaryTrafficShare).toBeCloseTo(canary / (baseline + canary), 12);
  });

  it('with marginalAction judge, lets the analysis pass above marginal and asks for a judgment only below pass', () => {
    const children = canaryReleaseChildren(config({ marginalAction: 'judge', judgmentRoles: ['approvers'] }));
    const analysis = children[1];
    expect((analysis?.context.canaryConfig as { scoreThresholds: unknown }).scoreThresholds).toEqual({ pass: 60, marginal: 60 });
    const judge = children[2];
    expect(judge?.type).toBe('manualJudgment');
    expect(judge?.context.stageEnabled).toEqual({ type: 'expression', expression: "#stageByRefId('rel>2')['outputs']['canaryScore'] < 80" });
    expect(judge?.context.selectedStageRoles).toEqual(['approvers']);
  });

  it('puts the scopes in the release namespace unless they name a location', () => {
    const scopes = [{ scopeName: 'default', controlScope: 'b', experimentScope: 'c', experimentLocation: 'elsewhere' }];
    const analysis = canaryReleaseChildren(config({ canaryConfig: { canaryConfigName: 'web', lifetimeDuration: 'PT10M', scopes } }))[1];
    expect((analysis?.context.canaryConfig as { scopes: unknown }).scopes).toEqual([
      { scopeName: 'default', controlScope: 'b', experimentScope: 'c', controlLocation: 'shop', experimentLocation: 'elsewhere' },
    ]);
  });
});

describe('baseline and canary workloads', () => {
  it('copies the pod template, adds the track label to selector and pods, and changes only the target container', () => {
    const target = targetContainer(production, 'app');
    expect(target).toEqual({ name: 'app', image: 'registry.example/web:1' });
    const canary = copyOf(production, { track: 'canary', replicas: 2, container: 'app', image: 'registry.example/web:2' });
    expect(canary.metadata?.name).toBe('web-canary');
    const spec = canary.spec as typeof production.spec & { replicas: number };
    expect(spec.replicas).toBe(2);
    expect(spec.selector.matchLabels).toEqual({ app: 'web', track: 'canary' });
    expect(spec.template.metadata.labels).toEqual({ app: 'web', tier: 'front', track: 'canary', 'foresail.io/canary-release': 'web' });
    expect(spec.template.spec.containers).toEqual([{ name: 'sidecar', image: 'proxy:1' }, { name: 'app', image: 'registry.example/web:2', ports: [{ containerPort: 8080 }] }]);
    expect(targetContainer(production, undefined)?.name).toBe('sidecar');
    expect(targetContainer(production, 'missing')).toBeUndefined();
  });

  it('gives a copy a Service selecting only its track', () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] } };
    expect(serviceCopyOf(service, 'baseline')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web-baseline', labels: { 'foresail.io/canary-release': 'web', track: 'baseline' } },
      spec: { selector: { app: 'web', track: 'baseline' }, ports: [{ port: 80 }] },
    });
  });
});

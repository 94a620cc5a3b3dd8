import { describe, expect, it } from 'vitest';
import { stageTypes } from '@/lib/pipeline/schema/stages';
import { triggerTypes } from '@/lib/pipeline/schema/triggers';
import { fieldLabel } from './field-labels';
import { stageFieldSpecs, triggerFieldSpecs, type FieldSpec } from './schema-fields';

const byKey = (specs: FieldSpec[], key: string) => specs.find((s) => s.key === key);

describe('form fields from the zod schemas', () => {
  it('reads numbers, booleans and choices from the config kit', () => {
    const webhook = stageFieldSpecs('webhook');
    expect(byKey(webhook, 'url')).toMatchObject({ kind: 'text', required: true });
    expect(byKey(webhook, 'method')).toMatchObject({ kind: 'enum', values: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], required: false });
    expect(byKey(webhook, 'waitForCompletion')).toMatchObject({ kind: 'boolean', required: false });
    expect(byKey(webhook, 'waitBeforeMonitor')).toMatchObject({ kind: 'number', integer: false });
    expect(byKey(webhook, 'customHeaders')).toMatchObject({ kind: 'map' });
    expect(byKey(webhook, 'payload')).toMatchObject({ kind: 'json' });
    expect(byKey(stageFieldSpecs('wait'), 'waitTime')).toMatchObject({ kind: 'number', integer: true, required: true, label: 'Wait time (seconds)' });
  });

  it('leaves the common fields and the type to the common section', () => {
    const keys = stageFieldSpecs('wait').map((s) => s.key);
    expect(keys).toEqual(['waitTime', 'skipWaitText']);
  });

  it('nests objects and lists of objects', () => {
    const split = stageFieldSpecs('trafficSplit');
    const router = byKey(split, 'router');
    expect(router?.kind).toBe('object');
    expect(router && 'fields' in router ? router.fields.map((f) => [f.key, f.kind]) : []).toEqual([['kind', 'enum'], ['name', 'text'], ['host', 'text'], ['route', 'text']]);
    expect(byKey(split, 'weights')).toMatchObject({ kind: 'objectList', required: true });
    expect(byKey(stageFieldSpecs('manualJudgment'), 'selectedStageRoles')).toMatchObject({ kind: 'stringList' });
  });

  it('describes every stage and trigger type without throwing', () => {
    for (const type of stageTypes) expect(stageFieldSpecs(type).length).toBeGreaterThan(0);
    for (const type of triggerTypes) expect(Array.isArray(triggerFieldSpecs(type))).toBe(true);
    expect(byKey(triggerFieldSpecs('cron'), 'cronExpression')).toMatchObject({ kind: 'text', required: true });
  });

  it('humanises keys', () => {
    expect(fieldLabel('manifestArtifactId')).toBe('Manifest artifact ID');
    expect(fieldLabel('account')).toBe('Account');
  });
});

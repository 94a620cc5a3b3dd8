import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { decide, executionTrigger, typedTriggers, type TriggerPipeline, type TriggerVerdict } from './evaluate';

const schema = z.looseObject({ type: z.literal('t'), name: z.string() });
const pipeline = (id: string, names: string[], disabled = false): TriggerPipeline => ({ id, application: 'app', name: `p-${id}`, disabled, triggers: names.map((name) => ({ type: 't', name })) });
const verdicts: Record<string, TriggerVerdict> = {
  match: { kind: 'match', trigger: { type: 't', started: true } },
  miss: { kind: 'ignored', reason: 'branch x does not match y' },
  bad: { kind: 'refused', reason: 'signature invalid' },
  other: { kind: 'unrelated' },
};
const run = (pipelines: TriggerPipeline[]) => decide(pipelines, (p) => typedTriggers(p.triggers, 't', schema), (t) => verdicts[t.name] ?? { kind: 'unrelated' });

describe('typedTriggers', () => {
  it('keeps triggers of the type that parse, with their position', () => {
    expect(typedTriggers([{ type: 't', name: 'a' }, { type: 'x', name: 'b' }, null, 'str', { type: 't' }, { type: 't', name: 'c' }], 't', schema)).toEqual([
      { index: 0, trigger: { type: 't', name: 'a' } },
      { index: 5, trigger: { type: 't', name: 'c' } },
    ]);
  });
});

describe('decide', () => {
  it('starts a pipeline with its first matching trigger only', () => {
    expect(run([pipeline('1', ['miss', 'match', 'match'])])).toEqual([{ kind: 'start', pipeline: pipeline('1', ['miss', 'match', 'match']), triggerIndex: 1, trigger: { type: 't', started: true } }]);
  });
  it('keeps the reasons of near misses; refusals outrank them; unrelated pipelines are left out', () => {
    const decisions = run([pipeline('1', ['miss', 'other']), pipeline('2', ['miss', 'bad']), pipeline('3', ['other']), pipeline('4', [])]);
    expect(decisions.map((d) => [d.pipeline.id, d.kind, 'reason' in d ? d.reason : ''])).toEqual([
      ['1', 'ignored', 'trigger 1: branch x does not match y'],
      ['2', 'refused', 'trigger 2: signature invalid; trigger 1: branch x does not match y'],
    ]);
  });
  it('a disabled pipeline that would start is a near miss', () => {
    expect(run([pipeline('1', ['match'], true)])).toMatchObject([{ kind: 'ignored', reason: 'pipeline "p-1" is disabled' }]);
  });
});

describe('executionTrigger', () => {
  it('copies the config without its secret and adds the event fields', () => {
    expect(executionTrigger({ type: 'git', secret: 's', branch: 'ma.*', runAsUser: 'svc' }, { branch: 'main' })).toEqual({ type: 'git', branch: 'main', runAsUser: 'svc' });
  });
});

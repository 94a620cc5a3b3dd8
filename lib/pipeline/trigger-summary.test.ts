import { describe, expect, it } from 'vitest';
import { summarizeTrigger } from './trigger-summary';

describe('summarizeTrigger', () => {
  it('names the user of a manual run', () => {
    expect(summarizeTrigger({ type: 'manual', user: 'alice', parameters: {} })).toEqual({ kind: 'manual', text: 'alice' });
  });

  it('shows the short commit and branch of a git push', () => {
    expect(summarizeTrigger({ type: 'git', source: 'github', hash: '3f9a1c2d4e5f', branch: 'main' })).toEqual({ kind: 'git', text: '3f9a1c2 on main' });
  });

  it('shows the image tag of a docker trigger', () => {
    expect(summarizeTrigger({ type: 'docker', repository: 'shop/web', tag: '1.4.2' })).toEqual({ kind: 'docker', text: 'shop/web:1.4.2' });
  });

  it('links a pipeline trigger to the upstream execution', () => {
    const summary = summarizeTrigger({ type: 'pipeline', parentPipelineName: 'Build', parentPipelineApplication: 'shop', parentExecution: { id: '01J0', application: 'shop' } });
    expect(summary).toEqual({ kind: 'pipeline', text: 'after Build', href: '/applications/shop/executions/01J0' });
  });

  it('shows the schedule of a cron trigger and falls back to the type for others', () => {
    expect(summarizeTrigger({ type: 'cron', cronExpression: '0 3 * * *' })).toEqual({ kind: 'cron', text: 'schedule 0 3 * * *' });
    expect(summarizeTrigger({ type: 'webhook', user: 'ci' })).toEqual({ kind: 'other', text: 'webhook · ci' });
  });
});

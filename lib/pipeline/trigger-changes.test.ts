import { describe, expect, it } from 'vitest';
import { liveTriggerChanges } from './trigger-changes';

const cron = { type: 'cron', enabled: true, cronExpression: '0 0 * ? * *' };
const hook = { id: 'h', type: 'webhook', enabled: true, source: 's', secret: 'x' };

describe('liveTriggerChanges (what needs EXECUTE as well as WRITE)', () => {
  it('names added, changed and enabled live triggers', () => {
    expect(liveTriggerChanges({ triggers: [] }, { triggers: [cron] })).toEqual(['adds or changes the cron trigger (triggers[0])']);
    expect(liveTriggerChanges({ triggers: [hook] }, { triggers: [{ ...hook, secret: 'y' }] })).toEqual(['adds or changes the webhook trigger (triggers[0])']);
    expect(liveTriggerChanges({ triggers: [{ ...cron, enabled: false }] }, { triggers: [cron] })).toEqual(['enables the cron trigger (triggers[0])']);
    expect(liveTriggerChanges(undefined, { triggers: [cron] })).toEqual(['adds the cron trigger (triggers[0])']);
    expect(liveTriggerChanges({ disabled: true, triggers: [cron] }, { disabled: false, triggers: [cron] })).toEqual(['enabling the pipeline turns on the cron trigger (triggers[0])']);
  });

  it('lets through what takes runs away or changes nothing that fires', () => {
    expect(liveTriggerChanges({ triggers: [cron, hook] }, { triggers: [hook] })).toEqual([]);
    expect(liveTriggerChanges({ triggers: [cron] }, { triggers: [{ ...cron, enabled: false }] })).toEqual([]);
    expect(liveTriggerChanges({ triggers: [cron] }, { triggers: [{ ...cron, id: 'assigned' }] })).toEqual([]);
    expect(liveTriggerChanges({ triggers: [hook, cron] }, { triggers: [cron, hook] })).toEqual([]);
    expect(liveTriggerChanges({ triggers: [] }, { triggers: [{ type: 'manual', enabled: true }, { ...cron, enabled: false }] })).toEqual([]);
    expect(liveTriggerChanges({ triggers: [] }, { disabled: true, triggers: [cron] })).toEqual([]);
    expect(liveTriggerChanges({ triggers: [{ b: 1, ...cron }] }, { triggers: [{ ...cron, b: 1 }] })).toEqual([]);
  });
});

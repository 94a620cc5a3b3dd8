import { describe, expect, it } from 'vitest';
import { manualSkipRefusal } from './manual-skip';

const stage = (type: string, context: Record<string, unknown> = {}) => ({ type, name: 'S', context });

describe('manualSkipRefusal (Orca: canManuallySkip)', () => {
  it('allows only pipeline stages marked skippable', () => {
    expect(manualSkipRefusal(stage('pipeline', { skippable: true }))).toBeUndefined();
    expect(manualSkipRefusal(stage('pipeline', { skippable: 'true' }))).toBeUndefined();
    expect(manualSkipRefusal(stage('pipeline'))).toMatch(/not marked skippable; set "skippable": true/);
  });

  it.each([
    ['manualJudgment', /manual judgment: it cannot be skipped, only judged/],
    ['kayentaCanary', /canary analysis: its result decides/],
    ['canaryRelease', /canary analysis/],
    ['wait', /only pipeline stages marked skippable/],
    ['deployManifest', /only pipeline stages marked skippable/],
    ['webhook', /only pipeline stages marked skippable/],
    ['toString', /only pipeline stages marked skippable/],
  ])('refuses %s, saying why', (type, why) => {
    expect(manualSkipRefusal(stage(type, { skippable: true }))).toMatch(why);
  });
});

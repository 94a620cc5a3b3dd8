import { describe, expect, it } from 'vitest';
import { kubernetesStageTypes } from '@/lib/pipeline/stage-resources';
import { stageTabsFor } from '../stage-tabs';
import { KubernetesTab } from './kubernetes-tab';

describe('Kubernetes tab registration', () => {
  it.each(kubernetesStageTypes)('%s stages get the Kubernetes tab', (type) => {
    expect(stageTabsFor(type).find((t) => t.id === 'kubernetes')?.Component).toBe(KubernetesTab);
  });

  it('other stages do not', () => {
    expect(stageTabsFor('wait').some((t) => t.id === 'kubernetes')).toBe(false);
    expect(stageTabsFor('manualJudgment').some((t) => t.id === 'kubernetes')).toBe(false);
  });
});

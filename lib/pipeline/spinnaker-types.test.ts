import { describe, expect, it } from 'vitest';
import { stageTypes } from './schema/stages';
import { triggerTypes } from './schema/triggers';
import { compatibilityTableMarkdown, spinnakerStageTypes, spinnakerTriggerTypes, unsupportedStageMessage, unsupportedTriggerMessage } from './spinnaker-types';

const readme = import.meta.glob<string>('/README.md', { eager: true, query: '?raw', import: 'default' })['/README.md'] ?? '';

describe('Spinnaker stage and trigger types', () => {
  it('marks exactly the types Foresail has schemas and handlers for as running', () => {
    const running = (types: ReadonlyMap<string, { support: string }>) => [...types].filter(([, s]) => s.support === 'runs').map(([t]) => t).sort();
    expect(running(spinnakerStageTypes)).toStrictEqual([...stageTypes].sort());
    expect(running(spinnakerTriggerTypes)).toStrictEqual([...triggerTypes].sort());
  });

  it('gives every type Foresail does not run a reason', () => {
    for (const [type, support] of [...spinnakerStageTypes, ...spinnakerTriggerTypes]) {
      if (support.support !== 'runs') expect(support.reason, type).toMatch(/\w/);
    }
  });

  it('says per type what happens at run time, and why', () => {
    expect(unsupportedStageMessage('bake')).toMatch(/^"bake" stages do not run in Foresail: Foresail deploys to Kubernetes with manifests only; .* a run fails when it reaches this stage$/);
    expect(unsupportedStageMessage('acme.custom')).toBe(
      '"acme.custom" stages do not run in Foresail: Foresail does not know this stage type (a preconfigured webhook, a plugin, or another Spinnaker extension). The pipeline is kept as written, and a run fails when it reaches this stage',
    );
    expect(unsupportedTriggerMessage('pubsub')).toMatch(/^"pubsub" triggers never start this pipeline in Foresail: Foresail does not subscribe to message queues/);
  });

  it('is the compatibility table in the README', () => {
    const section = readme.match(/<!-- compatibility:start -->\n([\s\S]*?)<!-- compatibility:end -->/)?.[1];
    expect(section, 'README.md has the table between <!-- compatibility:start --> and <!-- compatibility:end -->').toBe(compatibilityTableMarkdown());
  });
});

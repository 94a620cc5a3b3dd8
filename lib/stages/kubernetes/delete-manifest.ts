import 'server-only';
import { describeRef, refOf, type ObjectRef } from '../../kubernetes/types';
import { task } from '../tasks';
import type { StageHandler } from '../types';
import { failedFrom } from './failures';
import { resolveTarget, TargetError } from './target';

type Selector = { kind: string; key: string; values?: string[] };

/** Deck's label selector rows as a Kubernetes label selector string. */
export function labelSelectorOf(selectors: readonly Selector[]): string {
  return selectors
    .map(({ kind, key, values = [] }) => {
      switch (kind) {
        case 'EQUALS':
          return `${key}=${values[0] ?? ''}`;
        case 'NOT_EQUALS':
          return `${key}!=${values[0] ?? ''}`;
        case 'CONTAINS':
        case 'ANY':
          return `${key} in (${values.join(',')})`;
        case 'NOT_CONTAINS':
          return `${key} notin (${values.join(',')})`;
        case 'EXISTS':
          return key;
        case 'NOT_EXISTS':
          return `!${key}`;
        default:
          throw new TargetError(`Unknown label selector kind "${kind}" for key ${key}`);
      }
    })
    .join(',');
}

/**
 * Deletes one named object (static mode), the one object a cluster's criteria pick (dynamic mode) or
 * everything of the given kinds matching labels (label mode).
 * Already-gone objects count as deleted, so a retried stage does not fail on its own earlier work.
 */
export const deleteManifest: StageHandler<'deleteManifest'> = {
  type: 'deleteManifest',
  async run({ stage, services, signal }) {
    const config = stage.config;
    try {
      const client = await services.kubernetes(config.account);
      const options = { cascading: config.options?.cascading ?? true, gracePeriodSeconds: config.options?.gracePeriodSeconds, signal };
      let refs: ObjectRef[];
      if ((config.mode ?? 'static') === 'label') {
        const selector = labelSelectorOf(config.labelSelectors?.selectors ?? []);
        if (!selector) return { status: 'failed', reason: 'Label mode needs at least one label selector' };
        refs = [];
        for (const kind of config.kinds ?? []) {
          const found = await client.list({ kind }, { namespace: config.location || 'default', labelSelector: selector, signal });
          refs.push(...found.map(refOf));
        }
      } else {
        refs = [await resolveTarget(client, config, signal)];
      }
      const deleted: string[] = [];
      const gone: string[] = [];
      for (const ref of refs) ((await client.delete(ref, options)) === 'deleted' ? deleted : gone).push(describeRef(ref));
      const byNamespace: Record<string, string[]> = {};
      for (const ref of refs) (byNamespace[ref.namespace ?? ''] ??= []).push(`${ref.kind.toLowerCase()} ${ref.name}`);
      return {
        status: 'succeeded',
        outputs: { 'outputs.manifestNamesByNamespace': byNamespace, 'deploy.account.name': config.account, deleted, alreadyGone: gone },
        tasks: [task('Delete manifest', 'SUCCEEDED')],
      };
    } catch (err) {
      if (err instanceof TargetError) return { status: 'failed', reason: err.message };
      return failedFrom(err);
    }
  },
};

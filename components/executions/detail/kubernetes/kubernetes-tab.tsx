'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { appliedManifests, manifestDiffs, trafficWeights } from '@/lib/pipeline/stage-resources';
import type { StageTabProps } from '../stage-tabs';
import { LiveResources } from './live-resources';
import { ManifestChanges } from './manifest-changes';
import { ManifestYaml } from './manifest-yaml';
import { TrafficWeights } from './traffic-weights';
import { useStageKubernetes } from './use-stage-kubernetes';

const heading = 'mb-2 text-sm font-semibold';

/**
 * A Kubernetes stage's objects: live status and events (read from the cluster now), then what the
 * stage recorded at the time — weights for trafficSplit, the diff against the live objects and the
 * applied YAML for deploys.
 */
export function KubernetesTab({ execution, stage }: StageTabProps) {
  const live = useStageKubernetes(execution.id, stage);
  const manifests = appliedManifests(stage.outputs);
  const diffs = manifestDiffs(stage.outputs);
  const isTraffic = stage.type === 'trafficSplit';
  const weights = isTraffic ? trafficWeights(stage.context, stage.outputs) : undefined;
  return (
    <div className="flex flex-col gap-5">
      <section aria-label="Live status">
        <div className="mb-2 flex items-center justify-between gap-2">
          <h4 className="text-sm font-semibold">Live status</h4>
          <Button variant="secondary" size="sm" disabled={live.isFetching} onClick={() => void live.refetch()}>
            {live.isFetching ? 'Refreshing…' : 'Refresh'}
          </Button>
        </div>
        {live.error ? <Alert tone="danger">{live.error.message}</Alert> : live.data ? <LiveResources account={live.data.account} resources={live.data.resources} /> : <p className="text-sm text-muted">Reading the cluster…</p>}
      </section>
      {weights && (
        <section aria-label="Traffic weights">
          <h4 className={heading}>Traffic weights</h4>
          <TrafficWeights before={weights.before} after={weights.after} />
        </section>
      )}
      {diffs && diffs.length > 0 && (
        <section aria-label="Changes against the live objects">
          <h4 className={heading}>Changes against what was live</h4>
          <ManifestChanges diffs={diffs} />
        </section>
      )}
      {manifests.length > 0 && (
        <section aria-label="Manifests">
          <h4 className={heading}>{stage.type === 'findArtifactsFromResource' ? 'Manifest read' : 'Applied manifests'}</h4>
          <ManifestYaml manifests={manifests} />
        </section>
      )}
    </div>
  );
}

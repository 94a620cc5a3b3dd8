import 'server-only';
import { jobOutcome, readinessOf } from '../../kubernetes/readiness';
import { describeRef, refOf, type KubeObject, type ObjectRef } from '../../kubernetes/types';
import { task } from '../tasks';
import type { StageHandler } from '../types';
import { bindImages } from './bind-images';
import { failedFrom, isTransient } from './failures';
import { withUpstreamArtifacts } from '../artifact-scope';
import { manifestsOf } from './manifest-source';
import { imageArtifactsFor } from './image-artifacts';
import { bindProducedArtifacts, builtImages } from './produced-artifacts';
import { explainUnready, FIRST_POLL_MS, POLL_MS, timeoutOf } from './stability';

export interface RunJobState {
  ref: ObjectRef;
  startedAt: number;
}

const DEFAULT_TIMEOUT_MS = 60 * 60_000;

const jobStatus = (ref: ObjectRef, account: string, status: string, live: KubeObject | undefined) => ({
  name: ref.name,
  location: ref.namespace ?? '',
  account,
  kind: ref.kind,
  status,
  completionDetails: (live?.status as Record<string, unknown> | undefined) ?? {},
});

/**
 * Runs a Job, or any resource that reports Succeeded/Complete/Failed conditions (a Tekton TaskRun…), to
 * completion. A manifest with `generateName` is created (a fresh run each time); one with a name is
 * applied. Canceling the stage deletes what it started, pods included.
 */
export const runJobManifest: StageHandler<'runJobManifest', RunJobState> = {
  type: 'runJobManifest',
  ownTimeout: true,
  defaultTimeoutMs: DEFAULT_TIMEOUT_MS,
  async run({ stage, state, execution, stages, services, now, signal }) {
    const config = stage.config;
    const account = config.account || config.credentials || '';
    const timeoutMs = timeoutOf(config, DEFAULT_TIMEOUT_MS);
    try {
      const client = await services.kubernetes(account);
      if (!state) {
        const scoped = withUpstreamArtifacts(execution, stage, stages);
        const fromArtifact = config.source === 'artifact' ? await manifestsOf(scoped, { source: 'artifact', manifestArtifactId: config.manifestArtifactId }, services) : undefined;
        if (fromArtifact && 'error' in fromArtifact) return { status: 'failed', reason: fromArtifact.error };
        if (fromArtifact && fromArtifact.manifests.length > 1) return { status: 'failed', reason: `The job artifact holds ${fromArtifact.manifests.length} manifests; a Run Job stage runs exactly one` };
        const manifest = fromArtifact ? fromArtifact.manifests[0] : ((config.manifest ?? config.manifests?.[0]) as KubeObject | undefined);
        if (!manifest) return { status: 'failed', reason: 'The stage has no job manifest' };
        const { artifacts, missing } = imageArtifactsFor(scoped, config);
        if (missing.length) return { status: 'failed', reason: `Required artifact${missing.length > 1 ? 's' : ''} ${missing.join(', ')} did not bind to anything in this execution` };
        const [bound] = bindImages([manifest], artifacts).manifests;
        if (!bound) return { status: 'failed', reason: 'The stage has no job manifest' };
        const namespace = config.namespaceOverride || undefined;
        const withNamespace = namespace ? { ...bound, metadata: { ...bound.metadata, namespace } } : bound;
        const created = bound.metadata?.name ? (await client.apply([withNamespace], { namespace }))[0] : await client.create(withNamespace, namespace);
        if (!created) return { status: 'failed', reason: 'The cluster returned nothing for the job' };
        const ref = refOf(created);
        return {
          status: 'running',
          state: { ref, startedAt: stage.startTime ?? now() },
          pollAfterMs: FIRST_POLL_MS,
          outputs: { 'deploy.jobs': { [ref.namespace ?? '']: [`${ref.kind.toLowerCase()} ${ref.name}`] }, 'deploy.account.name': account, jobStatus: jobStatus(ref, account, 'RUNNING', created) },
          tasks: [task('Run job', 'SUCCEEDED'), task('Wait for job to finish', 'RUNNING')],
        };
      }
      let live: KubeObject | undefined;
      try {
        live = await client.find(state.ref, signal);
      } catch (err) {
        // An apiserver outage is not the job's verdict: ask again until the stage's own deadline.
        if (isTransient(err) && now() - state.startedAt <= timeoutMs) return { status: 'running', state, pollAfterMs: POLL_MS * 2 };
        throw err;
      }
      if (!live) return { status: 'failed', reason: `${describeRef(state.ref)} disappeared before it finished` };
      const outcome = jobOutcome(live);
      if (outcome.state === 'succeeded') {
        const done = jobStatus(state.ref, account, 'SUCCEEDED', live);
        const produced = bindProducedArtifacts(config.expectedArtifacts ?? [], builtImages(live));
        if ('error' in produced) return { status: 'failed', reason: produced.error, outputs: { jobStatus: done } };
        const artifacts = produced.artifacts.length > 0 ? { artifacts: produced.artifacts, resolvedExpectedArtifacts: produced.resolvedExpectedArtifacts } : {};
        return { status: 'succeeded', outputs: { jobStatus: done, completionDetails: done.completionDetails, ...artifacts }, tasks: [task('Run job', 'SUCCEEDED'), task('Wait for job to finish', 'SUCCEEDED')] };
      }
      const unready = [{ ref: state.ref, readiness: readinessOf(live), live }];
      if (outcome.state === 'failed') {
        const { details } = await explainUnready(client, unready, '', signal);
        return { status: 'failed', reason: `${describeRef(state.ref)} failed: ${outcome.message}`, details, outputs: { jobStatus: jobStatus(state.ref, account, 'FAILED', live) } };
      }
      if (now() - state.startedAt > timeoutMs) {
        await client.delete(state.ref, { signal }).catch(() => undefined);
        return { status: 'failed', ...(await explainUnready(client, unready, `Did not finish within ${Math.round(timeoutMs / 1000)}s (deleted)`, signal)) };
      }
      return { status: 'running', state, pollAfterMs: POLL_MS };
    } catch (err) {
      return failedFrom(err, state ? `Watching ${describeRef(state.ref)}` : `Starting the job on account ${account} failed`);
    }
  },
  async cancel({ stage, state, services }) {
    if (!state) return;
    const client = await services.kubernetes(stage.config.account || stage.config.credentials || '');
    // Background propagation removes the pods too; already gone is fine (cancel routines are idempotent).
    await client.delete(state.ref, { cascading: true });
  },
};

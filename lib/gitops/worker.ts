import 'server-only';
import type { KubernetesAccountConfig } from '../config/kubernetes-schema';
import { tryAdvisoryLock, type HeldLock } from '../db/advisory-lock';
import { startPipelineSyncs, type SyncLog } from './pipeline-sync';

const LOCK_NAME = 'foresail.gitops.pipeline-sync';
const RETRY_MS = 5_000;

/**
 * Runs the GitOps pipeline sync in exactly one worker process: each worker tries an advisory lock and
 * the holder syncs; if it dies (or loses the database), another takes over within a few seconds and
 * starts with a full resync. Returns the stop function for shutdown.
 */
export function startGitopsSync(accounts: readonly KubernetesAccountConfig[], log: SyncLog & { error(fields: Record<string, unknown>, message: string): void }): () => Promise<void> {
  if (!accounts.some((a) => a.pipelineSync)) return async () => undefined;
  let stopped = false;
  let lock: HeldLock | undefined;
  let stopSyncs: (() => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;

  const attempt = async () => {
    if (stopped) return;
    try {
      lock = await tryAdvisoryLock(LOCK_NAME);
    } catch (err) {
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'pipeline sync: could not try the leader lock');
    }
    if (!lock || stopped) {
      await lock?.release();
      lock = undefined;
      timer = setTimeout(() => void attempt(), RETRY_MS);
      return;
    }
    log.info({ accounts: accounts.filter((a) => a.pipelineSync).map((a) => a.name) }, 'pipeline sync: this worker syncs Pipeline resources');
    stopSyncs = startPipelineSyncs(accounts, log);
    void lock.lost.then(async () => {
      log.error({}, 'pipeline sync: lost the database session holding the leader lock; stopping until it is retaken');
      await stopSyncs?.();
      stopSyncs = undefined;
      lock = undefined;
      if (!stopped) timer = setTimeout(() => void attempt(), RETRY_MS);
    });
  };
  void attempt();

  return async () => {
    stopped = true;
    clearTimeout(timer);
    await stopSyncs?.();
    await lock?.release();
  };
}

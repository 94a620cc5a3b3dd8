import 'server-only';
import { getPool } from './pool';

export interface HeldLock {
  /** Resolves when the session holding the lock is lost (the database went away): the lock is gone too. */
  lost: Promise<void>;
  release(): Promise<void>;
}

/**
 * Takes a session-level advisory lock on its own connection if nobody holds it, so one process among
 * several workers does a singleton job (the GitOps sync). The lock lives as long as the connection.
 */
export async function tryAdvisoryLock(name: string): Promise<HeldLock | undefined> {
  const client = await getPool().connect();
  let lostResolve: () => void = () => undefined;
  const lost = new Promise<void>((resolve) => (lostResolve = resolve));
  const onError = () => lostResolve();
  client.on('error', onError);
  try {
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [name]);
    if (!rows[0]?.locked) {
      client.off('error', onError);
      client.release();
      return undefined;
    }
  } catch (err) {
    client.off('error', onError);
    client.release(true);
    throw err;
  }
  return {
    lost,
    async release() {
      client.off('error', onError);
      try {
        await client.query('select pg_advisory_unlock(hashtext($1))', [name]);
        client.release();
      } catch {
        client.release(true);
      }
    },
  };
}

import { spawn } from 'node:child_process';
import type { ForesailConfig } from '../config';
import type { MigrationResult } from '../db/migrate';

/**
 * The supervisor's helper process (prepare-main.ts): it validates configuration, then migrates
 * the database (and seeds the demo) once the supervisor has started PostgreSQL, and exits. That
 * work needs zod, the migration runner, graphile-worker and Prisma; keeping it out of the
 * supervisor keeps the one process that must never die small.
 */
export type PrepareRequest = { kind: 'migrate'; databaseUrl: string; seedDemo: boolean; create?: { adminUrl: string; database: string } };
export type PrepareReply = { kind: 'config'; config: ForesailConfig } | { kind: 'migrated'; result: MigrationResult };

/** The helper exited without finishing; it has explained why on stderr. */
export class PreparationFailed extends Error {
  constructor(readonly exitCode: number) {
    super(`preparation failed (exit code ${exitCode})`);
    this.name = 'PreparationFailed';
  }
}

export interface Preparation {
  config: Promise<ForesailConfig>;
  migrate(request: Omit<PrepareRequest, 'kind'>): Promise<MigrationResult>;
  cancel(): void;
}

export function startPreparation(options: { command: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv }): Preparation {
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<PrepareReply['kind'], { resolve(reply: PrepareReply): void; reject(err: Error): void }>();
  const awaitReply = <K extends PrepareReply['kind']>(kind: K): Promise<Extract<PrepareReply, { kind: K }>> => {
    const promise = new Promise<PrepareReply>((resolve, reject) => pending.set(kind, { resolve, reject }));
    promise.catch(() => undefined); // rejected ones nobody waits for (start-up stopped earlier) are fine
    return promise as Promise<Extract<PrepareReply, { kind: K }>>;
  };
  const config = awaitReply('config');
  const migrated = awaitReply('migrated');
  child.on('message', (reply: PrepareReply) => {
    pending.get(reply.kind)?.resolve(reply);
    pending.delete(reply.kind);
  });
  child.on('exit', (code, signal) => {
    for (const waiter of pending.values()) waiter.reject(new PreparationFailed(code ?? (signal ? 1 : 0)));
    pending.clear();
  });
  return {
    config: config.then((reply) => reply.config),
    async migrate(request) {
      child.send({ kind: 'migrate', ...request } satisfies PrepareRequest);
      return (await migrated).result;
    },
    cancel() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}

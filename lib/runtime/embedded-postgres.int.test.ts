import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { getLogger } from '../log';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { isProcessAlive, makeTempDir } from './processes';

const log = getLogger().child({ component: 'test' });
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

async function count(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM keepme');
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

async function exec(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('keeps data across restarts', async () => {
    const dataDir = makeTempDir('foresail-pg-');
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await startEmbeddedPostgres({ dataDir, log });
    await exec(first.url, 'CREATE TABLE keepme (id int); INSERT INTO keepme VALUES (1), (2)');
    await first.stop();
    expect(isProcessAlive(first.pid)).toBe(false);
    const second = await startEmbeddedPostgres({ dataDir, log });
    cleanup.push(() => second.stop());
    expect(await count(second.url)).toBe(2);
  });

  it('recovers the data folder from a server left running by a killed Foresail', async () => {
    const dataDir = makeTempDir('foresail-pg-');
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const orphan: RunningPostgres = await startEmbeddedPostgres({ dataDir, log });
    await exec(orphan.url, 'CREATE TABLE keepme (id int); INSERT INTO keepme VALUES (1)');
    // Start again without stopping: the first server still holds the folder's lock.
    const next = await startEmbeddedPostgres({ dataDir, log });
    cleanup.push(() => next.stop());
    expect(isProcessAlive(orphan.pid)).toBe(false);
    expect(await count(next.url)).toBe(1);
  });

  it.runIf(process.getuid?.() === 0)('moves data the postgres user cannot reach to a traversable place, and says so', async () => {
    const locked = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-locked-'));
    fs.chmodSync(locked, 0o700);
    const warnings: string[] = [];
    const capture = Object.assign(Object.create(log) as typeof log, { warn: (_obj: unknown, msg: string) => warnings.push(msg), info: () => undefined });
    const running = await startEmbeddedPostgres({ dataDir: path.join(locked, 'data'), log: capture });
    cleanup.push(async () => {
      await running.stop();
      fs.rmSync(running.dataDir, { recursive: true, force: true });
      fs.rmSync(`${running.dataDir}.password`, { force: true });
      fs.rmSync(`${running.dataDir}.log`, { force: true });
      fs.rmSync(locked, { recursive: true, force: true });
    });
    expect(running.dataDir.startsWith('/var/lib/foresail/data/')).toBe(true);
    expect(warnings.join('\n')).toMatch(/cannot reach .*chmod o\+x/s);
  });

  it('deletes an ephemeral cluster on stop', async () => {
    const dataDir = makeTempDir('foresail-pg-');
    const running = await startEmbeddedPostgres({ dataDir, log, ephemeral: true });
    await running.stop();
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});

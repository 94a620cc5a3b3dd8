import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../../e2e/runner/test-database';
import { applyMigrations, defaultMigrationsDir, pendingMigrations, readMigrations } from './migrate';

describe('applyMigrations', () => {
  let url = '';
  beforeAll(async () => {
    url = await createTestDatabase({ empty: true });
  });
  afterAll(() => dropTestDatabase(url));

  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ migration_name: string }>(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('applies every migration to an empty database, in Prisma’s table', async () => {
    expect(await pendingMigrations(query)).toEqual(readMigrations().map((m) => m.name));
    const result = await applyMigrations(url);
    expect(result.applied).toEqual(readMigrations().map((m) => m.name));
    const rows = await query('SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(result.applied);
    expect(await pendingMigrations(query)).toEqual([]);
    const tables = await query("SELECT table_name AS migration_name FROM information_schema.tables WHERE table_schema = 'public'");
    expect(tables.map((t) => t.migration_name)).toEqual(expect.arrayContaining(['applications', 'pipelines', 'pipeline_revisions', 'executions', 'stage_executions', 'audit_events']));
  });

  it('does nothing the second time', async () => {
    expect(await applyMigrations(url)).toEqual({ applied: [], alreadyApplied: readMigrations().length });
  });

  it('runs concurrently without applying anything twice', async () => {
    const fresh = await createTestDatabase({ empty: true });
    try {
      const results = await Promise.all([applyMigrations(fresh), applyMigrations(fresh), applyMigrations(fresh)]);
      expect(results.flatMap((r) => r.applied)).toEqual(readMigrations().map((m) => m.name));
    } finally {
      await dropTestDatabase(fresh);
    }
  });

  it('holds the lock through alsoUnderLock: a second starter waits, then finds nothing to do', async () => {
    const fresh = await createTestDatabase({ empty: true });
    try {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let insideLock = false;
      const first = applyMigrations(fresh, undefined, {
        alsoUnderLock: async () => {
          insideLock = true;
          await held;
        },
      });
      while (!insideLock) await new Promise((r) => setTimeout(r, 20));
      let secondDone = false;
      const second = applyMigrations(fresh).then((r) => ((secondDone = true), r));
      await new Promise((r) => setTimeout(r, 500));
      expect(secondDone).toBe(false);
      release();
      expect((await first).applied).toEqual(readMigrations().map((m) => m.name));
      expect(await second).toEqual({ applied: [], alreadyApplied: readMigrations().length });
    } finally {
      await dropTestDatabase(fresh);
    }
  });

  it('refuses a migration edited after it was applied', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-migrations-'));
    try {
      fs.cpSync(defaultMigrationsDir, copy, { recursive: true });
      const first = readMigrations(copy)[0];
      if (!first) throw new Error('no migrations');
      fs.appendFileSync(path.join(copy, first.name, 'migration.sql'), '\n-- edited\n');
      await expect(applyMigrations(url, copy)).rejects.toThrow(/changed after it was applied/);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('rolls back a failing migration and names it', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'foresail-migrations-'));
    try {
      fs.cpSync(defaultMigrationsDir, copy, { recursive: true });
      fs.mkdirSync(path.join(copy, '99990101000000_broken'));
      fs.writeFileSync(path.join(copy, '99990101000000_broken', 'migration.sql'), 'CREATE TABLE ok_table (id int);\nSELECT * FROM no_such_table;\n');
      await expect(applyMigrations(url, copy)).rejects.toThrow(/99990101000000_broken failed/);
      const leftovers = await query("SELECT table_name AS migration_name FROM information_schema.tables WHERE table_name = 'ok_table'");
      expect(leftovers).toEqual([]);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});

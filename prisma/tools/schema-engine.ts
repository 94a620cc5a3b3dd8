/**
 * Prisma's schema engine, offline: the WASM build (@prisma/schema-engine-wasm) driven through
 * @prisma/adapter-pg, because the Prisma CLI insists on downloading a native engine. Development
 * tooling only (creating migrations, checking drift); Foresail applies migrations at run time with
 * lib/db/migrate.ts and needs none of this. Three adapter quirks are worked around below.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine, SchemaFilter, SchemasContainer } from '@prisma/schema-engine-wasm';
import pg from 'pg';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const schemaPath = path.join(repoRoot, 'prisma', 'schema.prisma');
export const migrationsDir = path.join(repoRoot, 'prisma', 'migrations');
export const filters: SchemaFilter = { externalTables: [], externalEnums: [] };

export function loadSchema(): SchemasContainer {
  return { files: [{ path: 'prisma/schema.prisma', content: fs.readFileSync(schemaPath, 'utf8') }] };
}

export function loadMigrationsList(): MigrationList {
  fs.mkdirSync(migrationsDir, { recursive: true });
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const dirs = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((dir) => {
      const file = path.join(migrationsDir, dir, 'migration.sql');
      return {
        path: dir,
        migrationFile: {
          path: 'migration.sql',
          content: fs.existsSync(file) ? { tag: 'ok' as const, value: fs.readFileSync(file, 'utf8') } : { tag: 'error' as const, value: 'missing migration.sql' },
        },
      };
    }),
  };
}

let wasmReady = false;
function initWasm(): void {
  if (wasmReady) return;
  // The package imports its .wasm as an ES module (needs a Node flag); instantiate it by hand.
  const require = createRequire(import.meta.url);
  const wasmFile = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
  const instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(wasmFile)), { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports });
  (bg as unknown as { __wbg_set_wasm(exports: WebAssembly.Exports): void }).__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  (globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY: { set_message(m: string): void } }).PRISMA_WASM_PANIC_REGISTRY = {
    set_message: (message: string) => process.stderr.write(`[schema-engine panic] ${message}\n`),
  };
  wasmReady = true;
}

// Quirk 1: the engine's catalog queries return PostgreSQL's internal "char" type (OID 18), which
// adapter-pg rejects; report it as text to pg and as ColumnType Character (6) to the engine.
const charColumns = new WeakMap<object, number[]>();
interface QueryResultLike { fields?: { dataTypeID: number }[]; rows?: object }
let poolPatched = false;
function patchPoolForCharColumns(): void {
  if (poolPatched) return;
  poolPatched = true;
  const proto = pg.Pool.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const fix = (result: QueryResultLike | undefined): QueryResultLike | undefined => {
    const indexes: number[] = [];
    result?.fields?.forEach((field, i) => {
      if (field.dataTypeID === 18) {
        field.dataTypeID = 25;
        indexes.push(i);
      }
    });
    if (indexes.length > 0 && result?.rows) charColumns.set(result.rows, indexes);
    return result;
  };
  proto.query = function patchedQuery(this: unknown, ...args: unknown[]): unknown {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as (err: unknown, result?: QueryResultLike) => void;
      return original.call(this, ...args.slice(0, -1), (err: unknown, result?: QueryResultLike) => callback(err, err ? result : fix(result)));
    }
    return (original.apply(this, args) as Promise<QueryResultLike>).then(fix);
  };
}

interface Queryable { queryRaw(query: unknown): Promise<{ rows: object; columnTypes: number[] }> }
interface TransactionalAdapter extends Queryable { startTransaction(...args: unknown[]): Promise<Queryable> }
function withCharColumns<T extends Queryable>(queryable: T): T {
  const original = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await original(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = 6;
    return result;
  };
  return queryable;
}
function withCharColumnsAdapter<T>(adapter: T): T {
  const a = adapter as unknown as TransactionalAdapter;
  withCharColumns(a);
  const start = a.startTransaction.bind(a);
  a.startTransaction = async (...args) => withCharColumns(await start(...args));
  return adapter;
}

interface PgConfig { host: string; port: number; user: string; password: string; database: string }

class MigrationPrismaPg extends PrismaPg {
  constructor(private readonly pgConfig: PgConfig) {
    // Quirk 2: discrete fields, not a connection string, or the shadow pool reuses the main database.
    super(pgConfig);
  }
  override async connect() {
    return withCharColumnsAdapter(await super.connect());
  }
  override async connectToShadowDb() {
    const adapter = await super.connectToShadowDb();
    const shadowPool = adapter.underlyingDriver() as pg.Pool;
    const shadowName = shadowPool.options.database ?? '';
    // Quirk 3: close the shadow pool before dropping its database, and drop WITH (FORCE).
    const dispose = async () => {
      await shadowPool.end();
      await dropDatabase(this.pgConfig, shadowName);
    };
    (adapter as unknown as { dispose: () => Promise<void> }).dispose = dispose;
    return withCharColumnsAdapter(adapter);
  }
}

async function dropDatabase(config: PgConfig, name: string): Promise<void> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export interface EngineHandle {
  engine: SchemaEngine;
  close(): Promise<void>;
}

export async function openSchemaEngine(databaseUrl: string): Promise<EngineHandle> {
  initWasm();
  patchPoolForCharColumns();
  const url = new URL(databaseUrl);
  const config: PgConfig = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(new MigrationPrismaPg(config));
  const schema = loadSchema();
  const engine = await bg.SchemaEngine.new(
    { datamodels: schema.files.map((f) => [f.path, f.content] as [string, string]) },
    (message: string) => {
      if (process.env.DEBUG_SCHEMA_ENGINE) process.stderr.write(`[schema-engine] ${message}\n`);
    },
    adapter,
  );
  return {
    engine,
    async close() {
      engine.free();
      // Leftover shadow databases, in case the engine did not dispose one.
      const client = new pg.Client(config);
      await client.connect();
      try {
        const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
        for (const row of rows) await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(row.datname)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** SQL needed to go from the committed migrations to schema.prisma; empty when they agree. */
export async function migrationDrift(databaseUrl: string, schema: SchemasContainer = loadSchema()): Promise<string> {
  const handle = await openSchemaEngine(databaseUrl);
  try {
    await handle.engine.devDiagnostic({ migrationsList: loadMigrationsList(), filters });
    const result = await handle.engine.diff({
      from: { tag: 'migrations', ...loadMigrationsList() },
      to: { tag: 'schemaDatamodel', ...schema },
      script: true,
      exitCode: true,
      filters,
    });
    return result.exitCode === 2 ? (result.stdout ?? '(difference without script)') : '';
  } finally {
    await handle.close();
  }
}

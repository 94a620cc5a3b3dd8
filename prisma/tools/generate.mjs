// Runs `prisma generate` offline: Prisma 7's CLI insists on locating its native schema engine first
// and tries to download it (binaries.prisma.sh is unreachable here). Generation never calls the
// engine, so a stub that exits non-zero satisfies the lookup. See ../shared/reference/toolchain.md §2.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const stub = path.join(here, 'schema-engine-stub');
const cli = path.join(here, '..', '..', 'node_modules', 'prisma', 'build', 'index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
});
process.exit(result.status ?? 1);

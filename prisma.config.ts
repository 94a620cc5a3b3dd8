// Used only by the Prisma CLI for `prisma generate` (see prisma/tools/generate.mjs). Foresail applies
// migrations itself at start-up (lib/db/migrate.ts), so the URL here is a placeholder when unset.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://127.0.0.1:5432/foresail' },
});

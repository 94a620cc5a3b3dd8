import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../../e2e/runner/test-database';
import { loadSchema, migrationDrift } from './schema-engine';

// The guard against "changed schema.prisma, forgot the migration" (and the reverse).
describe('schema.prisma and prisma/migrations', () => {
  let url = '';
  beforeAll(async () => {
    url = await createTestDatabase({ empty: true });
  });
  afterAll(() => dropTestDatabase(url));

  it('agree (no drift)', async () => {
    const drift = await migrationDrift(url);
    expect(drift, `schema.prisma differs from the migrations; run \`npm run db:migrate:dev -- <name>\`:\n${drift}`).toBe('');
  });

  it('disagree when the schema gains a column the migrations lack', async () => {
    const schema = loadSchema();
    const file = schema.files[0];
    if (!file) throw new Error('schema missing');
    const changed = { files: [{ ...file, content: file.content.replace('  ownerEmail  String   @map("owner_email")', '  ownerEmail  String   @map("owner_email")\n  driftProbe  String?') }] };
    expect(changed.files[0]?.content).toContain('driftProbe');
    expect(await migrationDrift(url, changed)).toMatch(/driftProbe/);
  });
});

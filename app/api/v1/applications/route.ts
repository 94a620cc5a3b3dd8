import { createApplication, listApplications } from '@/lib/db/applications';
import { apiRoute, json, readJson } from '@/lib/http';
import { createApplicationSchema } from '@/lib/pipeline/application';

export const GET = apiRoute('/api/v1/applications', async ({ req }) => {
  const search = new URL(req.url).searchParams.get('q') ?? undefined;
  return json(await listApplications({ search }));
});

export const POST = apiRoute('/api/v1/applications', async ({ req }) => {
  const input = await readJson(req, createApplicationSchema);
  const created = await createApplication(input);
  return json(created, { status: 201, headers: { location: `/api/v1/applications/${created.name}` } });
});

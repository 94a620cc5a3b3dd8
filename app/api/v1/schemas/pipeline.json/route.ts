import { apiRoute, json } from '@/lib/http';
import { pipelineJsonSchema } from '@/lib/pipeline';

export const dynamic = 'force-dynamic';

/** The JSON Schema of a pipeline config, for editors and pipeline-as-code repositories. Public. */
export const GET = apiRoute('/api/v1/schemas/pipeline.json', async () => json(pipelineJsonSchema(), { headers: { 'cache-control': 'public, max-age=3600' } }));

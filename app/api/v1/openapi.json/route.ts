import { openApiDocument } from '@/lib/api-docs/openapi';
import { apiRoute, json } from '@/lib/http';

export const GET = apiRoute('/api/v1/openapi.json', async () => json(openApiDocument()));

import { describeUser } from '@/lib/auth/me';
import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';

export const GET = apiRoute('/api/v1/me', async ({ req }) => json(describeUser(await requireUser(req))));

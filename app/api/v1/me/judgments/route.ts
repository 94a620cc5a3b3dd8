import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';
import { myJudgments } from '@/lib/services/judgments';

/** Manual judgments waiting for you, across every application you can see, newest first. */
export const GET = apiRoute('/api/v1/me/judgments', async ({ req }) => json(await myJudgments(await requireUser(req))));

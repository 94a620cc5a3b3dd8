import { apiRoute, json } from '@/lib/http';
import { foresailVersion } from '@/lib/version';

/** spin calls this before every command; it only needs an answer. Public, like Gate's. */
export const GET = apiRoute('/api/gate/version', async () => json({ version: `foresail-${foresailVersion}` }));

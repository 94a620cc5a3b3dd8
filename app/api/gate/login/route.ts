import { requireUser } from '@/lib/auth/session';
import { apiRoute, json } from '@/lib/http';

// Gate clients "log in" before other calls; with Foresail they authenticate every request with an
// API token (Bearer, or Basic with the token as password), so this only confirms the credential.
const login = apiRoute('/api/gate/login', async ({ req }) => {
  const user = await requireUser(req);
  return json({ username: user.login });
});

export { login as GET, login as POST };

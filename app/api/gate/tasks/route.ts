import { requireUser } from '@/lib/auth/session';
import { apiRoute, json, readJson } from '@/lib/http';
import { gateTaskSchema, runGateTask } from '@/lib/services/gate/tasks';
import { requestMeta } from '@/lib/request-meta';

/** Application save/delete from spin and Deck. 200 with `ref`; the outcome is the task's status. */
export const POST = apiRoute('/api/gate/tasks', async ({ req }) => {
  const user = await requireUser(req);
  const body = await readJson(req, gateTaskSchema);
  const id = await runGateTask(requestMeta(req), user, body);
  return json({ ref: `/tasks/${id}` });
});

import { can } from '@/lib/auth/permissions';
import { applicationResource } from '@/lib/auth/resources';
import { requireUser } from '@/lib/auth/session';
import { findApplication } from '@/lib/db/applications';
import { findGateTask } from '@/lib/db/gate-tasks';
import { NotFoundError } from '@/lib/errors';
import { apiRoute, json } from '@/lib/http';

/** Task status for pollers; visible to its creator and to those who can see its application. */
export const GET = apiRoute<{ id: string }>('/api/gate/tasks/[id]', async ({ req, params }) => {
  const user = await requireUser(req);
  const task = await findGateTask(params.id);
  const app = task?.application ? await findApplication(task.application) : undefined;
  const visible = task && (task.createdBy === user.login || user.isAdmin || (app && can(user, 'read', applicationResource(app))));
  if (!task || !visible) throw new NotFoundError(`Task ${params.id} not found`);
  return json({
    id: task.id,
    name: task.description,
    application: task.application,
    status: task.status,
    steps: task.steps,
    startTime: new Date(task.createdAt).getTime(),
    endTime: task.endedAt ? new Date(task.endedAt).getTime() : null,
  });
});

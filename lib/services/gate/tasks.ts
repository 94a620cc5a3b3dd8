import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { audited } from '../../audit';
import { assertCan, can } from '../../auth/permissions';
import type { SessionUser } from '../../auth/principal';
import { applicationResource, systemResource } from '../../auth/resources';
import { createApplication, deleteApplication, findApplication, updateApplication } from '../../db/applications';
import { insertGateTask } from '../../db/gate-tasks';
import { ForbiddenError, InputError, isDomainError, NotFoundError } from '../../errors';
import { issuesInWords, sentenceOf } from '../../errors-in-words';
import { applicationNameSchema, applicationPermissionsSchema } from '../../pipeline/application';
import { defaultPermissions } from '../application-defaults';

/** Spin's and Deck's POST /tasks body: a list of jobs, each an application operation. */
export const gateTaskSchema = z.looseObject({
  job: z.array(z.looseObject({ type: z.string().min(1), application: z.looseObject({ name: z.string().optional() }).optional() })).min(1),
  application: z.string().optional(),
  description: z.string().max(1000).optional(),
});

type Job = z.infer<typeof gateTaskSchema>['job'][number];

interface StepResult {
  type: string;
  status: 'SUCCEEDED' | 'TERMINAL';
  error?: string;
}

const known = new Set(['name', 'email', 'description', 'permissions', 'user', 'createTs', 'updateTs', 'lastModifiedBy']);

/**
 * Runs a Gate task now and records it, so `GET /tasks/{id}` answers like Orca would. Failures
 * become a TERMINAL task with the reason (spin prints the status), not an HTTP error.
 */
export async function runGateTask(req: Request, user: SessionUser, body: z.infer<typeof gateTaskSchema>): Promise<string> {
  const steps: StepResult[] = [];
  for (const job of body.job) {
    try {
      await runJob(req, user, job);
      steps.push({ type: job.type, status: 'SUCCEEDED' });
    } catch (err) {
      if (!isDomainError(err)) throw err;
      steps.push({ type: job.type, status: 'TERMINAL', error: err.message });
      break;
    }
  }
  const id = randomUUID();
  const status = steps.every((s) => s.status === 'SUCCEEDED') ? 'SUCCEEDED' : 'TERMINAL';
  await insertGateTask({ id, application: body.application ?? null, description: body.description ?? '', status, steps, createdBy: user.login });
  return id;
}

async function runJob(req: Request, user: SessionUser, job: Job): Promise<void> {
  const attrs = job.application ?? {};
  const name = applicationNameSchema.safeParse(attrs.name);
  if (!name.success) {
    const issues = issuesInWords(name.error, applicationNameSchema, ['application', 'name']);
    throw new InputError(sentenceOf(issues), issues);
  }
  const found = await findApplication(name.data);
  // An application the caller may not see is treated exactly like a missing one, so task outcomes
  // cannot be used to probe names (creating over it then fails like any name clash).
  const existing = found && can(user, 'read', applicationResource(found)) ? found : undefined;
  switch (job.type) {
    case 'createApplication':
    case 'updateApplication':
    case 'upsertApplication': {
      const email = typeof attrs.email === 'string' ? attrs.email : existing?.ownerEmail;
      if (!email) throw new InputError('application.email: required');
      const permissions = attrs.permissions === undefined ? undefined : applicationPermissionsSchema.parse(attrs.permissions);
      const description = typeof attrs.description === 'string' ? attrs.description : undefined;
      const extra = Object.fromEntries(Object.entries(attrs).filter(([k]) => !known.has(k)));
      if (existing) {
        await audited(req, user, { action: 'application.update', targetType: 'application', targetId: existing.name, application: existing.name, details: { via: 'gate' } }, async () => {
          assertCan(user, 'write', applicationResource(existing));
          if (permissions && JSON.stringify(permissions) !== JSON.stringify(existing.permissions) && !user.isAdmin) throw new ForbiddenError('Only administrators may change an application’s permissions');
          await updateApplication(existing.name, { ownerEmail: email, description, permissions, attributes: { ...existing.attributes, ...extra } });
        });
        return;
      }
      await audited(req, user, { action: 'application.create', targetType: 'application', targetId: name.data, application: name.data, details: { via: 'gate' } }, async () => {
        assertCan(user, 'create-application', systemResource);
        await createApplication({ name: name.data, ownerEmail: email, description: description ?? '', permissions: defaultPermissions(permissions, user.roles), attributes: extra });
      });
      return;
    }
    case 'deleteApplication': {
      if (!existing) throw new NotFoundError(`Application ${name.data} not found`);
      await audited(req, user, { action: 'application.delete', targetType: 'application', targetId: existing.name, application: existing.name, details: { via: 'gate' } }, async () => {
        assertCan(user, 'write', applicationResource(existing));
        await deleteApplication(existing.name);
      });
      return;
    }
    default:
      throw new InputError(`Task type ${job.type} is not supported by Foresail (supported: createApplication, updateApplication, deleteApplication)`);
  }
}

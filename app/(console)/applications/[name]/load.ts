import 'server-only';
import { notFound } from 'next/navigation';
import { requirePageUser } from '@/lib/auth/page-session';
import { can } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/principal';
import { applicationResource } from '@/lib/auth/resources';
import type { PipelineRecord } from '@/lib/db/pipelines';
import { isDomainError } from '@/lib/errors';
import type { ApplicationDto } from '@/lib/pipeline/application';
import { visiblePipeline } from '@/lib/services/pipelines';
import { visibleApplication } from '@/lib/auth/visible-applications';

export interface ApplicationAccess {
  user: SessionUser;
  application: ApplicationDto;
  canWrite: boolean;
}

/** Missing and not-visible are the same 404, so names cannot be probed. */
function notFoundFor(err: unknown): never {
  if (isDomainError(err) && err.status === 404) notFound();
  throw err;
}

/** The signed-in user and the application they may read (404 otherwise), with whether they may change it. */
export async function loadApplication(name: string): Promise<ApplicationAccess> {
  const user = await requirePageUser();
  const application = await visibleApplication(user, name).catch(notFoundFor);
  return { user, application, canWrite: can(user, 'write', applicationResource(application)) };
}

export async function loadPipeline(name: string, id: string): Promise<ApplicationAccess & { record: PipelineRecord }> {
  const access = await loadApplication(name);
  const { record } = await visiblePipeline(access.user, access.application.name, id).catch(notFoundFor);
  return { ...access, record };
}

import 'server-only';
import { findApplication, listApplications } from '../db/applications';
import { NotFoundError } from '../errors';
import type { ApplicationDto } from '../pipeline/application';
import { can } from './permissions';
import type { Principal } from './permissions';
import { applicationResource } from './resources';

/** The applications this principal may READ. */
export async function visibleApplications(user: Principal): Promise<ApplicationDto[]> {
  return (await listApplications()).filter((app) => can(user, 'read', applicationResource(app)));
}

/** The application, if this principal may READ it; missing and invisible answer the same 404 (no existence leak). */
export async function visibleApplication(user: Principal, name: string): Promise<ApplicationDto> {
  const application = await findApplication(name);
  if (!application || !can(user, 'read', applicationResource(application))) throw new NotFoundError(`Application ${name} not found`);
  return application;
}

import 'server-only';
import { listApplications } from '../db/applications';
import type { ApplicationDto } from '../pipeline/application';
import { can } from './permissions';
import type { Principal } from './permissions';
import { applicationResource } from './resources';

/** The applications this principal may READ. */
export async function visibleApplications(user: Principal): Promise<ApplicationDto[]> {
  return (await listApplications()).filter((app) => can(user, 'read', applicationResource(app)));
}

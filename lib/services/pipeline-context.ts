import 'server-only';
import { can, type Principal } from '../auth/permissions';
import { applicationResource } from '../auth/resources';
import { listApplications } from '../db/applications';
import { getDb } from '../db/client';
import { getConfig } from '../env';
import { checkTemplateSyntax } from '../pipeline/expressions';
import type { MetricsAccountChoice, ValidationContext } from '../pipeline';
import { accountResource } from './accounts';

/**
 * What validation checks references against, as the caller may see it: the Kubernetes accounts it
 * may read or deploy to, the pipelines of the applications it may read, and the expression parser.
 * Findings name only those, so validating (or saving) reveals nothing about other applications
 * or accounts. Referenced-but-missing things are warnings, not errors. Given `metricsAccounts`,
 * metrics accounts the person saving may not name are errors.
 */
export async function validationContext(user: Principal, metricsAccounts?: MetricsAccountChoice): Promise<ValidationContext> {
  const readableApplications = (await listApplications()).filter((app) => can(user, 'read', applicationResource(app))).map((app) => app.name);
  const pipelines = await getDb().pipeline.findMany({ where: { application: { in: readableApplications } }, select: { id: true, name: true, application: true }, take: 10_000 });
  const accounts = getConfig().kubernetes.accounts.filter((a) => can(user, 'read', accountResource(a)) || can(user, 'write', accountResource(a)));
  return {
    accounts: accounts.map((a) => a.name),
    pipelines,
    readableApplications,
    checkExpression: checkTemplateSyntax,
    ...(metricsAccounts ? { metricsAccounts } : {}),
  };
}

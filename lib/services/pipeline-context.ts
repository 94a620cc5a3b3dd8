import 'server-only';
import { getDb } from '../db/client';
import { getConfig } from '../env';
import { checkTemplateSyntax } from '../pipeline/expressions';
import type { MetricsAccountChoice, ValidationContext } from '../pipeline';

/**
 * What validation checks references against: configured Kubernetes accounts, existing pipelines,
 * and the expression parser (referenced-but-missing things are warnings), and — given the person
 * saving — the metrics accounts they may name (others are errors).
 */
export async function validationContext(metricsAccounts?: MetricsAccountChoice): Promise<ValidationContext> {
  const pipelines = await getDb().pipeline.findMany({ select: { id: true, name: true, application: true }, take: 10_000 });
  return {
    accounts: getConfig().kubernetes.accounts.map((a) => a.name),
    pipelines,
    checkExpression: checkTemplateSyntax,
    ...(metricsAccounts ? { metricsAccounts } : {}),
  };
}

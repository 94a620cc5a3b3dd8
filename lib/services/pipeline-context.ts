import 'server-only';
import { getDb } from '../db/client';
import { getConfig } from '../env';
import { checkTemplateSyntax } from '../pipeline/expressions';
import type { ValidationContext } from '../pipeline';

/**
 * What validation checks references against: configured Kubernetes accounts, existing pipelines,
 * and the expression parser. Referenced-but-missing things are warnings, not errors.
 */
export async function validationContext(): Promise<ValidationContext> {
  const pipelines = await getDb().pipeline.findMany({ select: { id: true, name: true, application: true }, take: 10_000 });
  return {
    accounts: getConfig().kubernetes.accounts.map((a) => a.name),
    pipelines,
    checkExpression: checkTemplateSyntax,
  };
}

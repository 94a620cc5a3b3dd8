import 'server-only';
import { assertCan } from '../auth/permissions';
import type { SessionUser } from '../auth/principal';
import { applicationResource } from '../auth/resources';
import { findPipeline, findPipelineByName } from '../db/pipelines';
import { isDomainError } from '../errors';
import { parsePipelineImport, type ValidationIssue } from '../pipeline';
import type { ImportReport } from '../pipeline/api-schemas';
import type { ApplicationDto } from '../pipeline/application';
import { restoreMaskedSecrets } from '../pipeline/secrets';
import { metricsAccountChoice } from './metrics-accounts';
import { validationContext } from './pipeline-context';
import { createPipelineFor, savePipelineFor } from './pipelines';

type Item = ImportReport['items'][number];

/**
 * Imports real Spinnaker JSON: one pipeline, a list, or a Dinghy-style container. The dry run
 * reports per pipeline what would happen and why not; the real run saves the valid ones (an
 * existing pipeline with the same id or name is updated, keeping its history).
 */
export async function importPipelines(req: Request, user: SessionUser, application: ApplicationDto, input: unknown, dryRun: boolean): Promise<ImportReport> {
  if (!dryRun) assertCan(user, 'write', applicationResource(application));
  // A pipeline without `application` belongs to the one imported into; parsing also validates (with context).
  // Metrics accounts this person may not use are errors here: an import brings in new JSON (only an
  // edit in place keeps account names the stored version already had).
  const parsed = parsePipelineImport(input, { application: application.name, context: await validationContext(user, metricsAccountChoice(user)) });
  const items: Item[] = [];
  for (const entry of parsed.items) {
    const issues: ValidationIssue[] = [...entry.issues];
    if (parsed.application && parsed.application !== application.name) {
      issues.push({ path: 'application', message: `the file is for ${parsed.application}, not ${application.name}`, severity: 'error' });
    }
    const name = entry.name ?? (typeof entry.pipeline?.name === 'string' ? entry.pipeline.name : undefined);
    if (!entry.pipeline || issues.some((i) => i.severity === 'error')) {
      items.push({ index: entry.index, name, outcome: 'invalid', issues });
      continue;
    }
    const config: Record<string, unknown> = { ...(entry.pipeline as unknown as Record<string, unknown>), application: application.name };
    const existing = (typeof config.id === 'string' ? await findPipeline(config.id) : undefined) ?? (name ? await findPipelineByName(application.name, name) : undefined);
    const target = existing && existing.application === application.name ? existing : undefined;
    // A masked secret (as exported from Foresail) imports only over the pipeline that stores it.
    const hidden = restoreMaskedSecrets(config, target?.config).issues;
    if (hidden.length > 0) {
      items.push({ index: entry.index, name, outcome: 'invalid', issues: [...issues, ...hidden.map((i) => ({ ...i, severity: 'error' as const }))] });
      continue;
    }
    if (dryRun) {
      items.push({ index: entry.index, name, outcome: target ? 'update' : 'create', id: target?.id, issues });
      continue;
    }
    try {
      const saved = target
        ? await savePipelineFor(req, user, application, target, { ...config, id: target.id }, target.version, 'import')
        : await createPipelineFor(req, user, application, existing ? { ...config, id: undefined } : config, 'import');
      items.push({ index: entry.index, name, outcome: target ? 'updated' : 'created', id: String(saved.view.pipeline.id), issues: [...issues, ...saved.warnings.filter((w) => !issues.includes(w))] });
    } catch (err) {
      if (!isDomainError(err)) throw err;
      items.push({ index: entry.index, name, outcome: 'failed', issues: [...issues, { path: '', message: err.message, severity: 'error' }] });
    }
  }
  return { application: application.name, dryRun, items };
}

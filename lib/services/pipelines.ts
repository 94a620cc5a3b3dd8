import 'server-only';
import { randomUUID } from 'node:crypto';
import { audited } from '../audit';
import { assertCan } from '../auth/permissions';
import type { SessionUser } from '../auth/principal';
import { applicationResource } from '../auth/resources';
import { queueCronSync } from '../db/jobs';
import { deletePipeline, findPipeline, insertPipeline, updatePipeline, type JsonObject, type PipelineRecord } from '../db/pipelines';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { stageMetricsAccount, type MetricsAccountChoice, type ValidationIssue } from '../pipeline';
import { assessPipeline, importIssues, saveIssues } from '../pipeline/assess';
import type { ApplicationDto } from '../pipeline/application';
import { changedSecretPaths, maskPipelineSecrets, restoreMaskedSecrets, withTriggerIds } from '../pipeline/secrets';
import { liveTriggerChanges } from '../pipeline/trigger-changes';
import { describeManagedBy, MANAGED_BY_KEY, managedByOf } from '../pipeline/managed-by';
import { getConfig } from '../env';
import { runAsProblems } from '../triggers/run-as';
import { can, type Principal } from '../auth/permissions';
import { metricsAccountChoice } from '../auth/metrics-accounts';
import { validationContext } from './pipeline-context';
import { isTemplatedPipeline } from '../pipeline/templates/resolve';
import { resolveTemplatedPipelineFor } from './template-resolution';
import { visibleApplication } from '../auth/visible-applications';
import type { RequestMeta } from '../request-meta';

export interface PipelineView {
  pipeline: JsonObject;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

/** Checked input ready to store: normalised JSON plus the warnings validation found. */
export interface PreparedPipeline {
  config: JsonObject;
  warnings: ValidationIssue[];
}

export async function visiblePipeline(user: SessionUser, application: string, id: string): Promise<{ application: ApplicationDto; record: PipelineRecord }> {
  const app = await visibleApplication(user, application);
  const record = await findPipeline(id);
  if (!record || record.application !== app.name) throw new NotFoundError(`Pipeline ${id} not found in ${app.name}`);
  return { application: app, record };
}

/**
 * The config as clients see it (API, Gate and spin, the editor): the stored JSON with the row's
 * authoritative identity and state, and every secret masked — READ is enough to get here.
 */
export function viewOf(record: PipelineRecord): PipelineView {
  const pipeline: JsonObject = {
    ...maskPipelineSecrets(record.config),
    id: record.id,
    application: record.application,
    name: record.name,
    index: record.sortIndex,
    disabled: record.disabled,
    updateTs: String(new Date(record.updatedAt).getTime()),
    lastModifiedBy: record.updatedBy ?? undefined,
  };
  if (!record.locked) delete pipeline.locked;
  return { pipeline, version: record.version, updatedBy: record.updatedBy, updatedAt: record.updatedAt };
}

// managedBy is written only by the GitOps sync: a client cannot claim (or disown) a resource's pipeline.
const viewOnlyKeys = new Set(['updateTs', 'lastModifiedBy', 'index', MANAGED_BY_KEY]);

/**
 * How strictly a save reads its input. `edit` (the editor, the API): errors refuse the save unless
 * the stored version already had them (kept by an import, visible as warnings until fixed).
 * `import` (the import, Gate's POST /pipelines for spin): as Front50, everything that is a pipeline
 * is stored, every problem Spinnaker tolerates kept as a warning.
 */
export type SaveMode = 'edit' | 'import';

/**
 * Shape, normalisation and validation (references resolved as `user` may see them, metrics accounts
 * against what the saver may name); errors refuse the save with their paths. Masked secrets (as every
 * view shows them) are replaced by the ones stored in `stored`, the version being saved over.
 */
export async function preparePipeline(input: unknown, application: string, user: Principal, metricsAccounts: MetricsAccountChoice, stored?: JsonObject, mode: SaveMode = 'edit'): Promise<PreparedPipeline> {
  // The URL names the application; a body without one belongs to it. Keys that only describe a
  // stored pipeline (as GET answers them) are not part of the config: saving them back would put
  // noise into every revision diff.
  let withApplication = input;
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const body = Object.fromEntries(Object.entries(input).filter(([key]) => !viewOnlyKeys.has(key)));
    const restored = restoreMaskedSecrets(body, stored);
    if (restored.issues.length > 0) throw invalid(restored.issues.map((i) => ({ ...i, severity: 'error' as const })));
    withApplication = 'application' in restored.config ? restored.config : { ...restored.config, application };
  }
  const context = await validationContext(user, metricsAccounts);
  const assessment = assessPipeline(withApplication, context);
  const issues = mode === 'import' ? importIssues(assessment) : saveIssues(assessment, stored ? assessPipeline(stored, context) : undefined);
  if (assessment.config && isTemplatedPipeline(assessment.config)) issues.push(...(await templateIssues(user, assessment.config as JsonObject, mode)));
  const errors = issues.filter((i) => i.severity === 'error');
  if (!assessment.config || errors.length > 0) throw invalid(errors.length > 0 ? errors : assessment.issues);
  const config = assessment.config as JsonObject;
  if (config.application !== undefined && config.application !== application) {
    throw new ValidationError(`application: the pipeline says ${String(config.application)} but is being saved in ${application}`, [{ path: 'application', message: `must be ${application}` }]);
  }
  return { config: withTriggerIds({ ...config, application }, randomUUID), warnings: issues.filter((i) => i.severity === 'warning') };
}

/**
 * A templated pipeline is resolved at save, so a missing or mistyped variable is refused with its
 * name. Import (spin, like Front50) keeps a pipeline whose template is not saved yet, with a warning:
 * its runs are refused until the template exists.
 */
async function templateIssues(user: Principal, config: JsonObject, mode: SaveMode): Promise<ValidationIssue[]> {
  const { issues } = await resolveTemplatedPipelineFor(user, config);
  if (mode !== 'import') return issues;
  return issues.map((i) => (i.path.startsWith('template.') && i.severity === 'error' ? { ...i, message: `${i.message}; until then its runs are refused`, severity: 'warning' as const } : i));
}

function invalid(issues: ValidationIssue[]): ValidationError {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new ValidationError(first ? `${first.path || 'pipeline'}: ${first.message}${more}` : 'Invalid pipeline', issues.map(({ path, message }) => ({ path, message })));
}

/** The pipeline's name as stored (trimmed); refuses a missing or overlong one. */
export function nameOf(config: JsonObject): string {
  const name = typeof config.name === 'string' ? config.name.trim() : '';
  if (!name) throw new ValidationError('name: a pipeline needs a name', [{ path: 'name', message: 'required' }]);
  if (name.length > 200) throw new ValidationError('name: at most 200 characters', [{ path: 'name', message: 'at most 200 characters' }]);
  return name;
}

/** A trigger starts the pipeline, so WRITE alone may not add, change or enable one (nor switch them on by enabling the pipeline). */
function assertMayChangeTriggers(user: SessionUser, application: ApplicationDto, before: JsonObject | undefined, after: JsonObject): void {
  if (can(user, 'execute', applicationResource(application))) return;
  const changes = liveTriggerChanges(before, after);
  if (changes.length === 0) return;
  throw new ForbiddenError(
    `You (${user.login}) may not add, change or enable triggers in ${application.name}: that needs EXECUTE as well as WRITE, because a trigger runs the pipeline. This save ${changes.join('; ')}. Ask someone with EXECUTE, or leave the triggers as they are.`,
  );
}

/**
 * A trigger with runAsUser runs the pipeline with a service account's roles, so every save of such a
 * pipeline needs every role of that account plus EXECUTE (lib/triggers/run-as): 422 for an account
 * that does not exist, 403 when the saver may not delegate it.
 */
function assertMayRunAs(user: SessionUser, application: ApplicationDto, config: JsonObject): void {
  const triggers = Array.isArray(config.triggers) ? config.triggers : [];
  const problems = runAsProblems(triggers, user, { name: application.name, permissions: application.permissions }, getConfig().auth.serviceAccounts);
  const unknown = problems.filter((p) => p.kind === 'unknown');
  if (unknown.length > 0) throw invalid(unknown.map(({ path, message }) => ({ path, message, severity: 'error' as const })));
  const [forbidden] = problems;
  if (forbidden) throw new ForbiddenError(`Run as user (${forbidden.path}): ${forbidden.message}`);
}

/** Audit details for a save: which secrets changed (paths, never values). */
const secretDetails = (before: JsonObject, after: JsonObject) => {
  const changed = changedSecretPaths(before, after);
  return changed.length > 0 ? { secretsChanged: changed } : {};
};

const lockedOf = (config: JsonObject) => {
  const locked = config.locked;
  return typeof locked === 'object' && locked !== null && (locked as { ui?: unknown }).ui === true;
};

export async function createPipelineFor(meta: RequestMeta, user: SessionUser, application: ApplicationDto, input: unknown, action = 'create', mode: SaveMode = 'edit'): Promise<{ view: PipelineView; warnings: ValidationIssue[] }> {
  const prepared = await preparePipeline(input, application.name, user, metricsAccountChoice(user), undefined, mode);
  const requestedId = typeof prepared.config.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(prepared.config.id) ? prepared.config.id : randomUUID();
  const name = nameOf(prepared.config);
  const record = await audited(meta, user, { action: `pipeline.${action}`, targetType: 'pipeline', targetId: requestedId, application: application.name, details: { name, ...secretDetails({}, prepared.config) } }, async () => {
    assertCan(user, 'write', applicationResource(application));
    assertMayChangeTriggers(user, application, undefined, prepared.config);
    assertMayRunAs(user, application, prepared.config);
    return insertPipeline({
      id: requestedId,
      application: application.name,
      name,
      config: { ...prepared.config, id: requestedId },
      disabled: prepared.config.disabled === true,
      locked: lockedOf(prepared.config),
      by: user.login,
      action,
    });
  });
  await queueCronSync();
  return { view: viewOf(record), warnings: prepared.warnings };
}

/** A full save of new config (PUT). Locked pipelines refuse it; unlock first. */
export async function savePipelineFor(meta: RequestMeta, user: SessionUser, application: ApplicationDto, record: PipelineRecord, input: unknown, expectedVersion: number, action = 'update', mode: SaveMode = 'edit'): Promise<{ view: PipelineView; warnings: ValidationIssue[] }> {
  const stages = Array.isArray(record.config.stages) ? record.config.stages : [];
  const alreadyNamed = stages.map(stageMetricsAccount).filter((name): name is string => name !== undefined);
  const prepared = await preparePipeline(input, application.name, user, metricsAccountChoice(user, alreadyNamed), record.config, mode);
  if (prepared.config.id !== undefined && prepared.config.id !== record.id) throw new ValidationError(`id: this pipeline is ${record.id}`, [{ path: 'id', message: `must be ${record.id}` }]);
  const name = nameOf(prepared.config);
  const saved = await audited(meta, user, { action: `pipeline.${action}`, targetType: 'pipeline', targetId: record.id, application: application.name, details: { name, fromVersion: expectedVersion, ...secretDetails(record.config, prepared.config) } }, async () => {
    assertCan(user, 'write', applicationResource(application));
    // Locked means read-only: even a save that would also unlock is refused; unlocking is its own step.
    assertNotManaged(record);
    if (record.locked) throw new ForbiddenError(`Pipeline ${record.name} is locked${lockReason(record)}; unlock it before editing`);
    assertMayChangeTriggers(user, application, { ...record.config, disabled: record.disabled }, prepared.config);
    assertMayRunAs(user, application, prepared.config);
    return updatePipeline(record.id, expectedVersion, { name, config: { ...prepared.config, id: record.id }, disabled: prepared.config.disabled === true, locked: lockedOf(prepared.config), by: user.login, action });
  });
  await queueCronSync();
  return { view: viewOf(saved), warnings: prepared.warnings };
}

/** A pipeline kept as a Kubernetes resource changes only through that resource (README "GitOps"). */
function assertNotManaged(record: PipelineRecord): void {
  const managedBy = managedByOf(record.config);
  if (!managedBy) return;
  throw new ForbiddenError(
    `Pipeline ${record.name} is managed by ${describeManagedBy(managedBy)}: change the Pipeline resource ${managedBy.name} in namespace ${managedBy.namespace} (kubectl apply, or your GitOps repository) instead of editing it here`,
  );
}

const lockReason = (record: PipelineRecord) => {
  const description = (record.config.locked as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' && description ? ` (${description})` : '';
};

export interface LifecycleChange {
  disabled?: boolean;
  locked?: false | { description?: string; allowUnlockUi?: boolean };
  name?: string;
}

/** Enable/disable, lock/unlock, rename — each a new revision. A locked pipeline allows only unlocking. */
export async function changePipelineFor(meta: RequestMeta, user: SessionUser, application: ApplicationDto, record: PipelineRecord, change: LifecycleChange, expectedVersion: number): Promise<PipelineView> {
  const action = change.locked === false ? 'unlock' : change.locked ? 'lock' : change.name !== undefined ? 'rename' : change.disabled ? 'disable' : 'enable';
  const saved = await audited(meta, user, { action: `pipeline.${action}`, targetType: 'pipeline', targetId: record.id, application: application.name, details: { ...change } }, async () => {
    assertCan(user, 'write', applicationResource(application));
    assertNotManaged(record);
    if (record.locked && action !== 'unlock') throw new ForbiddenError(`Pipeline ${record.name} is locked${lockReason(record)}; unlock it first`);
    const config: JsonObject = { ...record.config };
    if (change.locked === false) delete config.locked;
    else if (change.locked) config.locked = { ui: true, allowUnlockUi: change.locked.allowUnlockUi ?? true, ...(change.locked.description ? { description: change.locked.description } : {}) };
    if (change.disabled !== undefined) config.disabled = change.disabled;
    const name = change.name !== undefined ? nameOf({ name: change.name }) : record.name;
    config.name = name;
    assertMayChangeTriggers(user, application, { ...record.config, disabled: record.disabled }, config);
    if (action === 'enable') assertMayRunAs(user, application, config);
    return updatePipeline(record.id, expectedVersion, { name, config, disabled: config.disabled === true, locked: lockedOf(config), by: user.login, action });
  });
  await queueCronSync();
  return viewOf(saved);
}

export async function deletePipelineFor(meta: RequestMeta, user: SessionUser, application: ApplicationDto, record: PipelineRecord): Promise<void> {
  await audited(meta, user, { action: 'pipeline.delete', targetType: 'pipeline', targetId: record.id, application: application.name, details: { name: record.name } }, async () => {
    assertCan(user, 'write', applicationResource(application));
    assertNotManaged(record);
    if (record.locked) throw new ForbiddenError(`Pipeline ${record.name} is locked${lockReason(record)}; unlock it before deleting`);
    await deletePipeline(record.id);
  });
  await queueCronSync();
}

import 'server-only';
import { createHash } from 'node:crypto';
import { audited } from '../audit';
import { can } from '../auth/permissions';
import type { SessionUser } from '../auth/principal';
import { applicationResource } from '../auth/resources';
import { findPipeline } from '../db/pipelines';
import { deleteTemplate, findTemplateVersion, listLatestTemplates, listTemplateDependents, saveTemplateVersion, type JsonObject, type TemplateVersionRecord } from '../db/pipeline-templates';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../errors-in-words';
import { templateTags } from '../pipeline/templates/reference';
import { canonicalTemplateJson, nestsDeeperThan, templateDocumentSchema, templateScopes, type TemplateDocument } from '../pipeline/templates/template-document';
import type { RequestMeta } from '../request-meta';
import { viewOf } from './pipelines';
import { applicationsByName, assertMayWrite, mayRead } from './template-access';
import { invalidTemplateUse, resolveTemplatedPipelineFor } from './template-resolution';

/** The template as Gate answers it: the document as saved, without Front50's tag/digest accounting. */
export function templateViewOf(record: TemplateVersionRecord): JsonObject {
  return { ...record.document, id: record.templateId, lastModified: new Date(record.createdAt).getTime(), ...(record.createdBy ? { lastModifiedBy: record.createdBy } : {}) };
}

/**
 * What a save answers: Gate runs it as an Orca task and spin (v1.30) reads a returned body as that
 * task, requiring `status: SUCCEEDED`; the save is done when the answer is sent.
 */
export function savedTask(saved: TemplateVersionRecord): JsonObject {
  return { status: 'SUCCEEDED', id: saved.templateId, digest: saved.digest, tags: saved.tags };
}

/** The latest version of each template this user may read; `scopes` narrows it as Front50 does (any scope in common). */
export async function listVisibleTemplates(user: SessionUser, scopes: string[] = []): Promise<TemplateVersionRecord[]> {
  const apps = await applicationsByName();
  const wanted = new Set(scopes.map((s) => s.trim().toLowerCase()).filter((s) => s !== ''));
  return (await listLatestTemplates()).filter((t) => mayRead(user, t.scopes, apps) && (wanted.size === 0 || t.scopes.some((s) => wanted.has(s))));
}

function checkTag(tag: string | undefined): string | undefined {
  if (tag === undefined || tag === '') return undefined;
  if (!(templateTags as readonly string[]).includes(tag)) throw new ValidationError(`tag: "${tag}" is not a template tag; use one of ${templateTags.join(', ')}`, [{ path: 'tag', message: `must be one of ${templateTags.join(', ')}` }]);
  return tag;
}

/** A version this user may read (by tag, by digest, or the latest); missing and invisible answer the same 404. */
export async function visibleTemplate(user: SessionUser, id: string, pick: { tag?: string; digest?: string } = {}): Promise<TemplateVersionRecord> {
  if (pick.tag && pick.digest) throw new ValidationError('Give either tag or digest, not both', [{ path: 'digest', message: 'cannot be combined with tag' }]);
  const record = await findTemplateVersion(id, { tag: checkTag(pick.tag), digest: pick.digest || undefined });
  if (!record || !mayRead(user, record.scopes, await applicationsByName())) throw new NotFoundError(`Pipeline template ${id}${pick.tag ? `:${pick.tag}` : ''} not found`);
  return record;
}

// Far deeper than any real pipeline; rendering and digests walk documents recursively.
const MAX_NESTING = 64;
function assertShallow(value: unknown, what: string): void {
  if (nestsDeeperThan(value, MAX_NESTING)) throw new ValidationError(`The ${what} is nested more than ${MAX_NESTING} levels deep`, [{ path: '', message: `is nested more than ${MAX_NESTING} levels deep` }]);
}

// Next's static segments under /v2/pipelineTemplates shadow a template with one of these ids.
const reservedIds = new Set(['create', 'update', 'plan', 'versions']);

/**
 * Saves a template version (spin `pipeline-template save`): checked as a template document, keyed by
 * its content digest, moving `latest` and the given tag to it. `create` refuses an existing id (409)
 * and `update` a missing one (404), as Front50 does.
 */
export async function saveTemplateFor(meta: RequestMeta, user: SessionUser, body: unknown, options: { mode: 'create' | 'update'; tag?: string; pathId?: string }): Promise<TemplateVersionRecord> {
  assertShallow(body, 'template');
  const document: TemplateDocument = parseInput(templateDocumentSchema, body);
  if (reservedIds.has(document.id)) throw new ValidationError(`id: "${document.id}" is reserved by the Gate API's paths; choose another id`, [{ path: 'id', message: 'is reserved' }]);
  if (options.pathId !== undefined && options.pathId !== document.id) throw new ValidationError(`id: the template says ${document.id} but is being saved as ${options.pathId}`, [{ path: 'id', message: `must be ${options.pathId}` }]);
  const tag = checkTag(options.tag ?? (typeof document.tag === 'string' ? document.tag : undefined));
  const stored: JsonObject = Object.fromEntries(Object.entries(document).filter(([key]) => !['tag', 'digest', 'lastModified', 'lastModifiedBy'].includes(key)));
  const scopes = templateScopes(document);
  const digest = createHash('sha256').update(canonicalTemplateJson(stored)).digest('hex');
  return audited(meta, user, { action: `pipelineTemplate.${options.mode}`, targetType: 'pipelineTemplate', targetId: document.id, details: { tag: tag ?? 'latest', digest, scopes } }, async () => {
    const apps = await applicationsByName();
    const current = await findTemplateVersion(document.id);
    // As Front50: create refuses only a version that the id with this tag (or the untagged id) already names,
    // so `spin pipeline-template save --tag stable` of an existing template creates its first stable version.
    const clash = options.mode === 'create' && (tag ? await findTemplateVersion(document.id, { tag }) : current);
    if (clash) {
      throw new ConflictError(mayRead(user, clash.scopes, apps) ? `A pipeline template ${document.id}${tag ? ` tagged ${tag}` : ''} already exists; save it again to update it` : `The template id ${document.id} is taken; choose another id`);
    }
    if (options.mode === 'update' && (!current || !mayRead(user, current.scopes, apps))) throw new NotFoundError(`Pipeline template ${document.id} not found`);
    if (current) assertMayWrite(user, document.id, current.scopes, apps);
    assertMayWrite(user, document.id, scopes, apps);
    return saveTemplateVersion({ templateId: document.id, digest, document: stored, scopes, tags: [...new Set(['latest', ...(tag ? [tag] : [])])], by: user.login });
  });
}

/** Pipelines made from the template that this user may read, as Gate's dependentPipelines answers them. */
export async function dependentPipelinesFor(user: SessionUser, id: string): Promise<JsonObject[]> {
  await visibleTemplate(user, id);
  const apps = await applicationsByName();
  const views: JsonObject[] = [];
  for (const dependent of await listTemplateDependents(id)) {
    const app = apps.get(dependent.application.toLowerCase());
    if (!app || !can(user, 'read', applicationResource(app))) continue;
    const record = await findPipeline(dependent.id);
    if (record) views.push(viewOf(record).pipeline);
  }
  return views;
}

/** Deletes a tag, or the whole template; refused while pipelines are made from what it would remove (Front50). */
export async function deleteTemplateFor(meta: RequestMeta, user: SessionUser, id: string, tag?: string): Promise<void> {
  const checkedTag = checkTag(tag);
  const record = await visibleTemplate(user, id, { tag: checkedTag });
  await audited(meta, user, { action: 'pipelineTemplate.delete', targetType: 'pipelineTemplate', targetId: id, details: { tag: checkedTag ?? 'all' } }, async () => {
    const apps = await applicationsByName();
    assertMayWrite(user, id, record.scopes, apps);
    const dependents = (await listTemplateDependents(id)).filter((d) => checkedTag === undefined || d.reference === `spinnaker://${id}:${checkedTag}`);
    if (dependents.length > 0) {
      const visible = dependents.filter((d) => {
        const app = apps.get(d.application.toLowerCase());
        return app !== undefined && can(user, 'read', applicationResource(app));
      });
      const named = visible.length > 0 ? `: ${visible.slice(0, 5).map((d) => `${d.application}/${d.name}`).join(', ')}${visible.length < dependents.length ? ' and others you cannot see' : ''}` : '';
      throw new ConflictError(`Pipeline template ${id}${checkedTag ? `:${checkedTag}` : ''} is used by ${dependents.length} pipeline${dependents.length === 1 ? '' : 's'}${named}; change or delete them first`);
    }
    await deleteTemplate(id, checkedTag);
  });
}

/** `spin pipeline-templates plan`: the pipeline a templated config resolves to, or 422 naming each wrong field. */
export async function planTemplatedPipelineFor(user: SessionUser, config: JsonObject): Promise<JsonObject> {
  assertShallow(config, 'templated pipeline');
  const resolution = await resolveTemplatedPipelineFor(user, config);
  const errors = resolution.issues.filter((i) => i.severity === 'error');
  if (!resolution.pipeline || errors.length > 0) throw invalidTemplateUse(errors);
  return resolution.pipeline;
}

import 'server-only';
import { NotFoundError } from '../errors';
import { getDb } from './client';
import type { Prisma } from './generated/client.ts';

export type JsonObject = Record<string, unknown>;

/** One stored version of a template, with the tags that name it now. */
export interface TemplateVersionRecord {
  templateId: string;
  digest: string;
  document: JsonObject;
  scopes: string[];
  tags: string[];
  createdAt: string;
  createdBy: string | null;
}

const select = { templateId: true, digest: true, document: true, scopes: true, createdAt: true, createdBy: true, tags: { select: { tag: true }, orderBy: { tag: 'asc' } } } as const;
type Row = { templateId: string; digest: string; document: unknown; scopes: string[]; createdAt: Date; createdBy: string | null; tags: { tag: string }[] };

const toRecord = (row: Row): TemplateVersionRecord => ({
  templateId: row.templateId,
  digest: row.digest,
  document: typeof row.document === 'object' && row.document !== null && !Array.isArray(row.document) ? (row.document as JsonObject) : {},
  scopes: row.scopes,
  tags: row.tags.map((t) => t.tag),
  createdAt: row.createdAt.toISOString(),
  createdBy: row.createdBy,
});

/** A version by tag (`latest` when neither is given) or by digest. */
export async function findTemplateVersion(templateId: string, pick: { tag?: string; digest?: string } = {}): Promise<TemplateVersionRecord | undefined> {
  if (pick.digest) {
    const row = await getDb().pipelineTemplateVersion.findUnique({ select, where: { templateId_digest: { templateId, digest: pick.digest } } });
    return row ? toRecord(row) : undefined;
  }
  const tagged = await getDb().pipelineTemplateTag.findUnique({ select: { version: { select } }, where: { templateId_tag: { templateId, tag: pick.tag ?? 'latest' } } });
  return tagged ? toRecord(tagged.version) : undefined;
}

/** The latest version of every template (Front50's list), by id. */
export async function listLatestTemplates(): Promise<TemplateVersionRecord[]> {
  const rows = await getDb().pipelineTemplateTag.findMany({ select: { version: { select } }, where: { tag: 'latest' }, orderBy: { templateId: 'asc' }, take: 5_000 });
  return rows.map((r) => toRecord(r.version));
}

export interface NewTemplateVersion {
  templateId: string;
  digest: string;
  document: JsonObject;
  scopes: string[];
  /** Tags to point at this version (always including `latest`). */
  tags: string[];
  by: string;
}

/** Stores the content once (same digest, same row) and moves the tags to it, in one transaction. */
export async function saveTemplateVersion(input: NewTemplateVersion): Promise<TemplateVersionRecord> {
  return getDb().$transaction(async (tx) => {
    const key = { templateId_digest: { templateId: input.templateId, digest: input.digest } };
    await tx.pipelineTemplateVersion.upsert({ where: key, create: { templateId: input.templateId, digest: input.digest, document: input.document as Prisma.InputJsonValue, scopes: input.scopes, createdBy: input.by }, update: {} });
    for (const tag of input.tags) {
      await tx.pipelineTemplateTag.upsert({
        where: { templateId_tag: { templateId: input.templateId, tag } },
        create: { templateId: input.templateId, tag, digest: input.digest, updatedBy: input.by },
        update: { digest: input.digest, updatedBy: input.by },
      });
    }
    const row = await tx.pipelineTemplateVersion.findUniqueOrThrow({ select, where: key });
    return toRecord(row);
  });
}

/**
 * Deletes one tag (then any version no tag names), or with no tag the whole template. A version
 * named by a digest only stays reachable while a tag names it, so pinned digests of a deleted
 * template stop resolving, as in Front50.
 */
export async function deleteTemplate(templateId: string, tag?: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    if (tag === undefined) {
      const { count } = await tx.pipelineTemplateVersion.deleteMany({ where: { templateId } });
      if (count === 0) throw new NotFoundError(`Pipeline template ${templateId} not found`);
      return;
    }
    const { count } = await tx.pipelineTemplateTag.deleteMany({ where: { templateId, tag } });
    if (count === 0) throw new NotFoundError(`Pipeline template ${templateId} has no tag ${tag}`);
    await tx.pipelineTemplateVersion.deleteMany({ where: { templateId, tags: { none: {} } } });
  });
}

/** Pipelines made from the template (any tag or digest of it), as Front50's dependentPipelines. */
export async function listTemplateDependents(templateId: string): Promise<{ id: string; application: string; name: string; reference: string }[]> {
  const prefix = `spinnaker://${templateId}`;
  const rows = await getDb().pipeline.findMany({
    select: { id: true, application: true, name: true, config: true },
    where: { config: { path: ['template', 'reference'], string_starts_with: prefix } },
    orderBy: [{ application: 'asc' }, { name: 'asc' }],
    take: 1_000,
  });
  return rows.flatMap((row) => {
    const config = row.config as { template?: { reference?: unknown } } | null;
    const reference = typeof config?.template?.reference === 'string' ? config.template.reference : '';
    // `spinnaker://shop` is a prefix of `spinnaker://shop-v2` too: only the id itself, a tag or a digest count.
    const rest = reference.slice(prefix.length);
    return rest === '' || rest.startsWith(':') || rest.startsWith('@') ? [{ id: row.id, application: row.application, name: row.name, reference }] : [];
  });
}

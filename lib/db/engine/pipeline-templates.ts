import 'server-only';
import type { Tx } from '../pool';

/** The template version a run resolves against, read in the run's transaction (a save cannot slip in between). */
export async function readTemplateForRun(tx: Tx, templateId: string, pick: { tag?: string; digest?: string }): Promise<{ digest: string; document: Record<string, unknown> } | undefined> {
  const { rows } = pick.digest
    ? await tx.query<{ digest: string; document: Record<string, unknown> }>('SELECT digest, document FROM pipeline_template_versions WHERE template_id = $1 AND digest = $2', [templateId, pick.digest])
    : await tx.query<{ digest: string; document: Record<string, unknown> }>(
        'SELECT v.digest, v.document FROM pipeline_template_tags t JOIN pipeline_template_versions v ON v.template_id = t.template_id AND v.digest = t.digest WHERE t.template_id = $1 AND t.tag = $2',
        [templateId, pick.tag ?? 'latest'],
      );
  return rows[0];
}

/**
 * Where a templated pipeline's template lives, as Front50 keys it: `spinnaker://<id>` (the latest
 * save), `spinnaker://<id>:<tag>` (a pinned tag) or `spinnaker://<id>@sha256:<digest>` (one exact
 * version). Only `front50/pipelineTemplate` references are stored in Foresail.
 */
export type TemplateReference = { id: string; tag?: string; digest?: string };

export const TEMPLATE_ARTIFACT_TYPE = 'front50/pipelineTemplate';
const prefix = 'spinnaker://';
// Front50 accepts these tags only (V2PipelineTemplateController.VALID_TEMPLATE_TAGS).
export const templateTags = ['latest', 'stable', 'unstable', 'experimental', 'test', 'canary'] as const;
export const templateIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export function parseTemplateReference(reference: string): TemplateReference | undefined {
  if (!reference.startsWith(prefix)) return undefined;
  const rest = reference.slice(prefix.length);
  const at = rest.indexOf('@sha256:');
  if (at >= 0) {
    const id = rest.slice(0, at);
    const digest = rest.slice(at + '@sha256:'.length);
    return templateIdPattern.test(id) && /^[0-9a-f]{64}$/.test(digest) ? { id, digest } : undefined;
  }
  const [id = '', tag, extra] = rest.split(':');
  if (extra !== undefined || !templateIdPattern.test(id)) return undefined;
  return tag === undefined || tag === '' ? { id } : { id, tag };
}

export function formatTemplateReference(ref: TemplateReference): string {
  if (ref.digest) return `${prefix}${ref.id}@sha256:${ref.digest}`;
  return ref.tag ? `${prefix}${ref.id}:${ref.tag}` : `${prefix}${ref.id}`;
}

import 'server-only';
import { parseAllDocuments, stringify } from 'yaml';
import { redactSecrets } from '../../kubernetes/redact';

/** The metadata key of an artifact whose reference is a redacted copy: it names the sealed real content (StageServices.unsealArtifact). */
export const SEALED_CONTENT_KEY = 'foresailSealedContent';

const NOT_SHOWN = '# Foresail: these manifests are not valid YAML, so none of them is shown (a Secret in them could not be redacted)\n';

/**
 * What an artifact of rendered manifests may show: the YAML with every Secret's `data`/`stringData`
 * values replaced by the fingerprints deployManifest shows (lib/kubernetes/redact.ts), or undefined
 * when it holds no Secret (then the artifact can carry the YAML itself).
 */
export function redactedManifestText(text: string): string | undefined {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.some((doc) => doc.errors.length > 0)) return NOT_SHOWN;
  let changed = false;
  const shown = list.map((doc) => {
    const value: unknown = doc.toJS();
    const redacted = redactSecrets(value);
    changed ||= redacted !== value;
    return redacted;
  });
  if (!changed) return undefined;
  return shown.filter((value) => value !== null && value !== undefined).map((value) => stringify(value)).join('---\n');
}

'use client';

import { parseAllDocuments, stringify } from 'yaml';
import type { PathSegment } from './issue-paths';
import { isJsonObject } from './json-path';
import { ManifestDryRun } from './manifest-dry-run';
import { lineColumnOf, type TextProblem } from './text-document';
import { YamlInput } from './yaml-input';

const format = (value: unknown) => (Array.isArray(value) ? value.map((m) => stringify(m, { lineWidth: 0 })).join('---\n') : '');

/** Several manifests as one YAML stream (`---` between them), as kubectl takes them. */
function parse(text: string): { value?: unknown; problem?: TextProblem } {
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) return { problem: { message: error.message.split('\n')[0] ?? error.message, ...lineColumnOf(text, error.pos[0]), start: error.pos[0], end: error.pos[1] } };
  }
  const values = list.map((doc) => doc.toJS() as unknown).filter((v) => v !== null && v !== undefined);
  const bad = values.findIndex((v) => !isJsonObject(v));
  if (bad >= 0) return { problem: { message: `manifest ${bad + 1} is not an object`, line: 1, column: 1, start: 0, end: 0 } };
  return { value: values };
}

export function ManifestsField({ path }: { path: PathSegment[] }) {
  return (
    <>
      <YamlInput path={path} label="Manifests" hint="Kubernetes YAML; separate several manifests with ---" rows={12} format={format} parse={parse} />
      <ManifestDryRun stagePath={path.slice(0, -1)} />
    </>
  );
}

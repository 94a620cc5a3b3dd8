'use client';

import dynamic from 'next/dynamic';
import { Plus, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { useEditor, useField } from './editor-context';
import { IssueMessages } from './field-shell';
import type { PathSegment } from './issue-paths';
import { MapInput, StringListInput } from './list-inputs';
import type { FieldSpec } from './schema-fields';
import { BooleanInput, EnumInput, NumberInput, TextInput } from './value-inputs';

// YAML is only needed once a free-form field is on screen; keep it out of the editor's first load.
const YamlInput = dynamic(() => import('./yaml-input').then((m) => m.YamlInput), { ssr: false, loading: () => <p className="text-xs text-muted">Loading editor…</p> });

const MULTILINE = new Set(['instructions', 'description', 'comments', 'skipWaitText']);
const isWide = (spec: FieldSpec) => !['text', 'number', 'enum'].includes(spec.kind) || MULTILINE.has(spec.key);

/** Overrides for one key: a purpose-built field instead of the generic one. */
export type FieldOverrides = Partial<Record<string, (path: PathSegment[]) => ReactNode>>;

export function SchemaFields({ specs, basePath, overrides = {} }: { specs: readonly FieldSpec[]; basePath: readonly PathSegment[]; overrides?: FieldOverrides }) {
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      {specs.map((spec) => {
        const path = [...basePath, spec.key];
        const override = overrides[spec.key];
        return (
          <div key={spec.key} className={cn('min-w-0', (override || isWide(spec)) && 'sm:col-span-2')}>
            {override ? override(path) : <SchemaField spec={spec} path={path} />}
          </div>
        );
      })}
    </div>
  );
}

export function SchemaField({ spec, path }: { spec: FieldSpec; path: PathSegment[] }) {
  const props = { path, label: spec.label, hint: spec.hint, required: spec.required };
  switch (spec.kind) {
    case 'text':
      return <TextInput {...props} multiline={MULTILINE.has(spec.key)} />;
    case 'number':
      return <NumberInput {...props} />;
    case 'boolean':
      return <BooleanInput {...props} hint={undefined} />;
    case 'enum':
      // The choices are in the select; a `${…}` written in JSON mode still shows as its own option.
      return <EnumInput {...props} hint={undefined} values={spec.values} />;
    case 'stringList':
      return <StringListInput {...props} hint={undefined} />;
    case 'map':
      return <MapInput {...props} hint={undefined} />;
    case 'json':
      return <YamlInput {...props} hint={undefined} rows={4} />;
    case 'object':
      return <ObjectGroup spec={spec} fields={spec.fields} path={path} />;
    case 'objectList':
      return <ObjectListField spec={spec} fields={spec.fields} path={path} />;
  }
}

/** Nested fields; an optional group that is absent starts folded so long forms stay short. */
function ObjectGroup({ spec, fields, path }: { spec: FieldSpec; fields: FieldSpec[]; path: PathSegment[] }) {
  const field = useField(path);
  const exact = field.issues.filter((i) => i.path === field.pathKey);
  const open = spec.required || field.value !== undefined || field.issues.length > 0;
  return (
    <details open={open} className="group rounded-md border border-line" data-path={field.pathKey}>
      <summary className="cursor-pointer select-none rounded-md px-3 py-2 text-xs font-semibold hover:bg-surface-2">{spec.label}</summary>
      <div className="flex flex-col gap-2 border-t border-line p-3">
        <IssueMessages issues={exact} />
        <SchemaFields specs={fields} basePath={path} />
      </div>
    </details>
  );
}

/** A starting item: required text fields present but blank, so validation asks for them by name. */
export function blankItem(fields: readonly FieldSpec[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => f.required && f.kind === 'text').map((f) => [f.key, '']));
}

function ObjectListField({ spec, fields, path }: { spec: FieldSpec; fields: FieldSpec[]; path: PathSegment[] }) {
  const { readOnly } = useEditor();
  const field = useField(path);
  const items = Array.isArray(field.value) ? field.value : [];
  const exact = field.issues.filter((i) => i.path === field.pathKey);
  return (
    <fieldset className="flex flex-col gap-2" data-path={field.pathKey}>
      <legend className="mb-1 text-xs font-medium">{spec.label}</legend>
      <IssueMessages issues={exact} />
      {items.length === 0 && <p className="text-xs text-muted">None yet.</p>}
      {items.map((_, i) => (
        <div key={i} className="rounded-md border border-line p-3">
          <div className="mb-2 flex items-center justify-between">
            <span className="text-xs font-medium text-muted">
              {spec.label} {i + 1}
            </span>
            {!readOnly && (
              <button type="button" aria-label={`Remove ${spec.label} ${i + 1}`} className="rounded p-1 text-muted hover:bg-surface-2 hover:text-danger" onClick={() => field.set(items.filter((__, j) => j !== i))}>
                <Trash2 size={14} aria-hidden="true" />
              </button>
            )}
          </div>
          <SchemaFields specs={fields} basePath={[...path, i]} />
        </div>
      ))}
      {!readOnly && (
        <button type="button" className="flex w-fit items-center gap-1 text-xs font-medium text-accent hover:underline" onClick={() => field.set([...items, blankItem(fields)])}>
          <Plus size={13} aria-hidden="true" /> Add {spec.label.toLowerCase()}
        </button>
      )}
    </fieldset>
  );
}


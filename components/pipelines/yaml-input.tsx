'use client';

import { useId } from 'react';
import { stringify } from 'yaml';
import { monoAreaClass } from './control-styles';
import { useField } from './editor-context';
import { describedBy, FieldShell } from './field-shell';
import { parseAnyText, type TextProblem } from './text-document';
import { useTextDraft } from './use-text-draft';
import type { PathFieldProps } from './value-inputs';

const toYaml = (value: unknown) => (value === undefined ? '' : stringify(value, { lineWidth: 0 }));

export interface YamlInputProps extends PathFieldProps {
  rows?: number;
  format?: (value: unknown) => string;
  parse?: (text: string) => { value?: unknown; problem?: TextProblem };
}

/** Free-form data (manifests, payloads) as YAML (JSON is YAML too); only text that parses is stored. */
export function YamlInput({ path, label, hint = 'YAML or JSON', required, rows = 8, format = toYaml, parse = parseAnyText }: YamlInputProps) {
  const id = useId();
  const field = useField(path);
  const [text, setText] = useTextDraft(field.value, format);
  const problem = text.trim() !== '' && text !== format(field.value) ? parse(text).problem : undefined;
  const aria = describedBy(id, field.issues, hint);
  return (
    <FieldShell id={id} label={label} hint={problem ? undefined : hint} required={required} issues={field.issues}>
      <textarea
        id={id}
        data-path={field.pathKey}
        rows={rows}
        spellCheck={false}
        className={monoAreaClass}
        value={text}
        disabled={field.readOnly}
        aria-invalid={problem ? true : aria['aria-invalid']}
        aria-describedby={problem ? `${id}-problem` : aria['aria-describedby']}
        onChange={(e) => {
          const typed = e.target.value;
          const parsed = typed.trim() === '' ? { value: undefined } : parse(typed);
          if (parsed.problem) {
            setText(typed, field.value);
            return;
          }
          setText(typed, parsed.value);
          field.set(parsed.value);
        }}
      />
      {problem && (
        <p id={`${id}-problem`} role="alert" className="text-xs text-danger">
          Not applied: line {problem.line}, column {problem.column}: {problem.message}
        </p>
      )}
    </FieldShell>
  );
}

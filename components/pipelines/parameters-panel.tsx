'use client';

import { Plus } from 'lucide-react';
import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { textAreaClass } from './control-styles';
import { useEditor, useField } from './editor-context';
import { describedBy, FieldShell } from './field-shell';
import { getIn, isJsonObject, setInDoc, updateList, type JsonObject } from './json-path';
import type { PathSegment } from './issue-paths';
import { ItemCard, Panel } from './panel';
import { useTextDraft } from './use-text-draft';
import { BooleanInput, TextInput } from './value-inputs';
import { formatScalar, readLines } from './value-text';

const formatOptions = (value: unknown) => (Array.isArray(value) ? value.map((o: unknown) => formatScalar(isJsonObject(o) ? o.value : o)).join('\n') : '');

/** Choices for the parameter, one per line; writes `options` and `hasOptions` together as Deck does. */
function OptionsInput({ path }: { path: PathSegment[] }) {
  const id = useId();
  const { edit } = useEditor();
  const field = useField([...path, 'options']);
  const [text, setText] = useTextDraft(field.value, formatOptions);
  return (
    <FieldShell id={id} label="Options" hint="One per line; leave empty for free text" issues={field.issues}>
      <textarea
        id={id}
        data-path={field.pathKey}
        rows={3}
        className={textAreaClass.replace('min-h-20', 'min-h-16')}
        value={text}
        disabled={field.readOnly}
        onChange={(e) => {
          const values = readLines(e.target.value);
          const options = values.length > 0 ? values.map((value) => ({ value })) : undefined;
          setText(e.target.value, options);
          edit((d) => {
            const current = getIn(d, path);
            const next: JsonObject = { ...(isJsonObject(current) ? current : {}), options, hasOptions: values.length > 0 };
            if (!options) delete next.options;
            return setInDoc(d, path, next);
          });
        }}
        {...describedBy(id, field.issues, 'One per line; leave empty for free text')}
      />
    </FieldShell>
  );
}

export function ParametersPanel() {
  const { doc, readOnly, edit } = useEditor();
  const id = useId();
  const params = getIn(doc, ['parameterConfig']);
  const list = Array.isArray(params) ? params : [];
  return (
    <Panel
      id={`${id}-title`}
      title="Parameters"
      description="Values supplied when the pipeline starts, read as ${parameters.name}."
      actions={
        !readOnly && (
          <Button size="sm" onClick={() => edit((d) => updateList(d, ['parameterConfig'], (l) => [...l, { name: '', required: false }]))}>
            <Plus size={14} aria-hidden="true" /> Add parameter
          </Button>
        )
      }
    >
      {list.length === 0 && <p className="text-sm text-muted">No parameters.</p>}
      {list.map((param, i) => {
        const name = isJsonObject(param) && typeof param.name === 'string' && param.name ? param.name : `Parameter ${i + 1}`;
        const base: PathSegment[] = ['parameterConfig', i];
        return (
          <ItemCard key={i} path={`parameterConfig[${i}]`} title={<span className="font-mono text-xs">{name}</span>} removeLabel={`Remove parameter ${name}`} onRemove={readOnly ? undefined : () => edit((d) => updateList(d, ['parameterConfig'], (l) => l.filter((_, j) => j !== i)))}>
            <div className="grid gap-3 sm:grid-cols-2">
              <TextInput path={[...base, 'name']} label="Name" required />
              <TextInput path={[...base, 'label']} label="Label" />
              <TextInput path={[...base, 'default']} label="Default" />
              <TextInput path={[...base, 'description']} label="Description" />
              <div className="flex flex-col gap-2 sm:col-span-2 sm:flex-row sm:gap-6">
                <BooleanInput path={[...base, 'required']} label="Required" />
                <BooleanInput path={[...base, 'pinned']} label="Pinned (shown on each execution)" />
              </div>
              <div className="sm:col-span-2">
                <OptionsInput path={base} />
              </div>
            </div>
          </ItemCard>
        );
      })}
    </Panel>
  );
}

'use client';

import { Plus } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { isKnownTriggerType, triggerTypes, type KnownTriggerType } from '@/lib/pipeline/schema/triggers';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { textInputClass } from './control-styles';
import { EditorProvider, useEditor } from './editor-context';
import { IssueMessages } from './field-shell';
import { getIn, isJsonObject, updateList } from './json-path';
import { ItemCard, Panel } from './panel';
import { SchemaFields, type FieldOverrides } from './schema-field';
import { triggerFieldSpecs } from './schema-fields';
import { SecretInput } from './secret-input';
import { BooleanInput } from './value-inputs';

const triggerLabels: Record<KnownTriggerType, string> = { manual: 'Manual', git: 'Git', docker: 'Docker registry', pipeline: 'Pipeline', cron: 'Cron', webhook: 'Webhook' };

const newTrigger: Record<KnownTriggerType, () => Record<string, unknown>> = {
  manual: () => ({ type: 'manual', enabled: true }),
  git: () => ({ type: 'git', enabled: true, source: 'github', project: '', slug: '', branch: '' }),
  docker: () => ({ type: 'docker', enabled: true, registry: '', repository: '', tag: '' }),
  pipeline: () => ({ type: 'pipeline', enabled: true, application: '', pipeline: '', status: ['successful'] }),
  cron: () => ({ type: 'cron', enabled: true, cronExpression: '0 0 10 ? * MON-FRI' }),
  webhook: () => ({ type: 'webhook', enabled: true, source: '' }),
};

/** Secrets are never shown: a stored one is a mask the server swaps back on save. */
const secretFields: FieldOverrides = { secret: (path) => <SecretInput path={path} label="Secret" /> };

/**
 * The pipeline's triggers. A trigger runs the pipeline, so someone with WRITE but not EXECUTE sees
 * them read-only, with the reason (the server refuses such a change too).
 */
export function TriggersPanel() {
  const editor = useEditor();
  const locked = !editor.readOnly && !editor.canChangeTriggers;
  return (
    <EditorProvider value={locked ? { ...editor, readOnly: true } : editor}>
      <TriggerList notice={locked ? <Alert tone="info">Adding, changing or enabling triggers needs EXECUTE on this application as well as WRITE, because a trigger runs the pipeline. You can change everything else; the triggers stay as they are.</Alert> : null} />
    </EditorProvider>
  );
}

function TriggerList({ notice }: { notice: ReactNode }) {
  const { doc, readOnly, edit, issues } = useEditor();
  const id = useId();
  const [type, setType] = useState<KnownTriggerType>('manual');
  const triggers = getIn(doc, ['triggers']);
  const list = Array.isArray(triggers) ? triggers : [];
  return (
    <Panel
      id={`${id}-title`}
      title="Triggers"
      description="What starts this pipeline besides a manual start."
      actions={
        !readOnly && (
          <div className="flex items-center gap-1.5">
            <select aria-label="Trigger type" className={`${textInputClass} w-44`} value={type} onChange={(e) => isKnownTriggerType(e.target.value) && setType(e.target.value)}>
              {triggerTypes.map((t) => (
                <option key={t} value={t}>
                  {triggerLabels[t]}
                </option>
              ))}
            </select>
            <Button size="sm" className="whitespace-nowrap" onClick={() => edit((d) => updateList(d, ['triggers'], (l) => [...l, newTrigger[type]()]))}>
              <Plus size={14} aria-hidden="true" /> Add trigger
            </Button>
          </div>
        )
      }
    >
      {notice}
      {list.length === 0 && <p className="text-sm text-muted">No triggers: the pipeline runs only when started by hand or by the API.</p>}
      {list.map((trigger, i) => {
        const t = isJsonObject(trigger) && typeof trigger.type === 'string' ? trigger.type : '';
        const known = isKnownTriggerType(t);
        return (
          <ItemCard
            key={i}
            path={`triggers[${i}]`}
            title={<span>{known ? triggerLabels[t] : `${t || 'Untyped'} (not fired by Foresail)`} trigger</span>}
            removeLabel={`Remove trigger ${i + 1}`}
            onRemove={readOnly ? undefined : () => edit((d) => updateList(d, ['triggers'], (l) => l.filter((_, j) => j !== i)))}
          >
            <div className="flex flex-col gap-3">
              <IssueMessages issues={issues.at(`triggers[${i}]`).filter((x) => x.path === `triggers[${i}]` || x.path === `triggers[${i}].type`)} />
              <BooleanInput path={['triggers', i, 'enabled']} label="Enabled" />
              {known && <SchemaFields specs={triggerFieldSpecs(t)} basePath={['triggers', i]} overrides={secretFields} />}
            </div>
          </ItemCard>
        );
      })}
    </Panel>
  );
}

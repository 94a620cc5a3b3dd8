'use client';

import { Plus } from 'lucide-react';
import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { checkboxClass } from './control-styles';
import { useEditor, useField } from './editor-context';
import { IssueMessages } from './field-shell';
import { getIn, isJsonObject, updateList } from './json-path';
import type { PathSegment } from './issue-paths';
import { ItemCard, Panel } from './panel';
import { EnumInput, TextInput } from './value-inputs';

const events = [
  { id: 'pipeline.starting', label: 'Pipeline starts' },
  { id: 'pipeline.complete', label: 'Pipeline completes' },
  { id: 'pipeline.failed', label: 'Pipeline fails' },
] as const;

function WhenInput({ path, index }: { path: PathSegment[]; index: number }) {
  const field = useField(path);
  const when = Array.isArray(field.value) ? field.value.filter((v): v is string => typeof v === 'string') : [];
  return (
    <fieldset data-path={field.pathKey} className="flex flex-col gap-1">
      <legend className="mb-1 text-xs font-medium">
        Notify when<span className="sr-only"> (notification {index + 1})</span>
      </legend>
      <div className="flex flex-wrap gap-4">
        {events.map((e) => (
          <label key={e.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" className={checkboxClass} checked={when.includes(e.id)} disabled={field.readOnly} onChange={(ev) => field.set(ev.target.checked ? [...when, e.id] : when.filter((w) => w !== e.id))} />
            {e.label}
          </label>
        ))}
      </div>
      <IssueMessages issues={field.issues} />
    </fieldset>
  );
}

export function NotificationsPanel() {
  const { doc, readOnly, edit } = useEditor();
  const id = useId();
  const value = getIn(doc, ['notifications']);
  const list = Array.isArray(value) ? value : [];
  return (
    <Panel
      id={`${id}-title`}
      title="Notifications"
      description="Who hears about this pipeline’s executions."
      actions={
        !readOnly && (
          <Button size="sm" onClick={() => edit((d) => updateList(d, ['notifications'], (l) => [...l, { type: 'email', address: '', level: 'pipeline', when: ['pipeline.failed'] }]))}>
            <Plus size={14} aria-hidden="true" /> Add notification
          </Button>
        )
      }
    >
      {list.length === 0 && <p className="text-sm text-muted">No notifications.</p>}
      {list.map((n, i) => (
        <ItemCard
          key={i}
          path={`notifications[${i}]`}
          title={<span>{isJsonObject(n) && typeof n.type === 'string' ? n.type : 'Notification'}</span>}
          removeLabel={`Remove notification ${i + 1}`}
          onRemove={readOnly ? undefined : () => edit((d) => updateList(d, ['notifications'], (l) => l.filter((_, j) => j !== i)))}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            <EnumInput path={['notifications', i, 'type']} label="Type" required values={['email', 'slack', 'googlechat', 'microsoftteams', 'pubsub', 'sms']} />
            <TextInput path={['notifications', i, 'address']} label="Address" placeholder="team@example.com or #channel" />
            <div className="sm:col-span-2">
              <WhenInput path={['notifications', i, 'when']} index={i} />
            </div>
          </div>
        </ItemCard>
      ))}
    </Panel>
  );
}

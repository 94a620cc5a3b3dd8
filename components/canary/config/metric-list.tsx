'use client';

import { useState } from 'react';
import { textInputClass } from '@/components/pipelines/control-styles';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { addGroup, formOf, groupsOf, metricOf, removeMetric, saveMetric, type ConfigDocument } from './config-edits';
import { MetricDialog } from './metric-dialog';

const ALL = '\u0000all';

/** deck-kayenta's metrics section: group tabs ("All" + one per group) over a metric table. */
export function MetricList({ doc, onChange, canWrite }: { doc: ConfigDocument; onChange(doc: ConfigDocument): void; canWrite: boolean }) {
  const [tab, setTab] = useState(ALL);
  const [editing, setEditing] = useState<{ index?: number; key: number }>();
  const [newGroup, setNewGroup] = useState('');
  const groups = groupsOf(doc);
  const activeTab = tab === ALL || groups.includes(tab) ? tab : ALL;
  const rows = doc.metrics.map((metric, index) => ({ metric, index })).filter(({ metric }) => activeTab === ALL || (metric.groups ?? []).includes(activeTab));
  const editedMetric = editing?.index === undefined ? undefined : doc.metrics[editing.index];

  return (
    <section aria-labelledby="metrics-heading" className="flex flex-col gap-3">
      <h2 id="metrics-heading" className="text-lg font-semibold">Metrics</h2>
      <div role="tablist" aria-label="Metric groups" className="flex flex-wrap items-end gap-1 border-b border-line">
        {[ALL, ...groups].map((group) => (
          <button
            key={group}
            type="button"
            role="tab"
            aria-selected={activeTab === group}
            onClick={() => setTab(group)}
            className={cn('-mb-px border-b-2 px-3 py-1.5 text-sm', activeTab === group ? 'border-accent text-accent' : 'border-transparent text-muted hover:text-fg')}
          >
            {group === ALL ? 'All' : group}
          </button>
        ))}
        {canWrite && (
          <form
            className="ml-auto flex items-center gap-1 pb-1"
            onSubmit={(e) => {
              e.preventDefault();
              if (!newGroup.trim()) return;
              onChange(addGroup(doc, newGroup));
              setTab(newGroup.trim());
              setNewGroup('');
            }}
          >
            <input aria-label="New group name" placeholder="new group" className={cn(textInputClass, 'w-36')} value={newGroup} onChange={(e) => setNewGroup(e.target.value)} />
            <Button size="sm" type="submit" className="whitespace-nowrap">Add group</Button>
          </form>
        )}
      </div>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Metrics{activeTab === ALL ? '' : ` in group ${activeTab}`}</caption>
        <thead className="border-b border-line text-xs uppercase tracking-wide text-muted">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Metric name</th>
            <th scope="col" className="px-3 py-2 font-medium">Fail on</th>
            <th scope="col" className="px-3 py-2 font-medium">Groups</th>
            <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr><td colSpan={4} className="px-3 py-4 text-muted">No metrics{activeTab === ALL ? '' : ' in this group'} yet.</td></tr>
          )}
          {rows.map(({ metric, index }) => {
            const canary = metric.analysisConfigurations?.canary;
            return (
              <tr key={index} className="border-b border-line last:border-0">
                <td className="px-3 py-2 font-medium">
                  {metric.name}
                  {canary?.critical === true && <span className="ml-2 rounded bg-danger-bg px-1.5 text-xs text-danger">critical</span>}
                  {canary?.muted === true && <span className="ml-2 rounded bg-surface-2 px-1.5 text-xs text-muted">muted</span>}
                </td>
                <td className="px-3 py-2 capitalize">{canary?.direction ?? 'either'}</td>
                <td className="px-3 py-2">{(metric.groups ?? []).join(', ')}</td>
                <td className="px-3 py-2 text-right">
                  <div className="flex justify-end gap-1">
                    <Button size="sm" variant="ghost" aria-label={`${canWrite ? 'Edit' : 'View'} metric ${metric.name}`} onClick={() => setEditing({ index, key: Date.now() })}>{canWrite ? 'Edit' : 'View'}</Button>
                    {canWrite && <Button size="sm" variant="ghost" aria-label={`Delete metric ${metric.name}`} onClick={() => onChange(removeMetric(doc, index))}>Delete</Button>}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {canWrite && (
        <div><Button onClick={() => setEditing({ key: Date.now() })}>Add metric</Button></div>
      )}
      {editing && (
        <MetricDialog
          key={editing.key}
          open
          onOpenChange={(open) => !open && setEditing(undefined)}
          isNew={editing.index === undefined}
          readOnly={!canWrite}
          initial={formOf(editedMetric, activeTab === ALL ? (groups[0] ?? '') : activeTab)}
          groups={groups}
          takenNames={doc.metrics.filter((_, i) => i !== editing.index).map((m) => m.name)}
          onSave={(form) => {
            if (canWrite) onChange(saveMetric(doc, metricOf(form, editedMetric), editing.index));
            setEditing(undefined);
          }}
        />
      )}
    </section>
  );
}

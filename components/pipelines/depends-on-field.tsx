'use client';

import { RefreshCcw } from 'lucide-react';
import { useMemo, useState } from 'react';
import { buildStageGraph, downstreamOf } from '@/lib/pipeline/graph';
import { Alert } from '@/components/ui/alert';
import { checkboxClass, textInputClass } from './control-styles';
import { useEditor } from './editor-context';
import { IssueMessages } from './field-shell';
import { setRequisites, stageLabel, summarizeStages } from './stage-edits';

/** Deck's "Depends on" multi-select: the other stages as checkboxes; one that would close a cycle is refused, naming it. */
export function DependsOnField({ index, refId }: { index: number; refId: string }) {
  const { doc, issues, readOnly, edit } = useEditor();
  const [refusal, setRefusal] = useState<string>();
  const [filter, setFilter] = useState('');
  const summaries = useMemo(() => summarizeStages(doc), [doc]);
  const current = summaries[index]?.requisites ?? [];
  const cyclic = useMemo(() => {
    const graph = buildStageGraph(summaries.map((s) => ({ refId: s.refId, requisiteStageRefIds: s.requisites })));
    return new Set(downstreamOf(graph, refId));
  }, [summaries, refId]);
  const known = new Set(summaries.map((s) => s.refId));
  const missing = current.filter((r) => !known.has(r));
  const needle = filter.trim().toLowerCase();
  const options = summaries.filter((s) => s.refId !== refId && (needle === '' || stageLabel(s).toLowerCase().includes(needle) || current.includes(s.refId)));
  const pathKey = `stages[${index}].requisiteStageRefIds`;

  const toggle = (parent: string, on: boolean) => {
    const next = on ? [...current, parent] : current.filter((r) => r !== parent);
    const result = setRequisites(doc, refId, next);
    if (result.error !== undefined) {
      setRefusal(result.error);
      return;
    }
    setRefusal(undefined);
    edit(() => result.doc);
  };

  return (
    <fieldset className="flex flex-col gap-1.5" data-path={pathKey}>
      <legend className="mb-1 text-xs font-medium">Depends on</legend>
      {summaries.length > 10 && <input type="search" aria-label="Filter stages" placeholder="Filter stages" className={textInputClass} value={filter} onChange={(e) => setFilter(e.target.value)} />}
      <div className="flex max-h-44 flex-col gap-1 overflow-y-auto rounded-md border border-line p-2">
        {options.length === 0 && missing.length === 0 && <p className="text-xs text-muted">{summaries.length <= 1 ? 'This is the only stage.' : 'No stage matches.'}</p>}
        {options.map((s) => (
          <div key={s.refId} className="flex items-center gap-2 text-sm">
            <label className="flex min-w-0 items-center gap-2">
              <input type="checkbox" className={checkboxClass} checked={current.includes(s.refId)} disabled={readOnly} onChange={(e) => toggle(s.refId, e.target.checked)} />
              <span className="truncate">{stageLabel(s)}</span>
            </label>
            {cyclic.has(s.refId) && (
              <span className="ml-auto flex shrink-0 items-center gap-1 text-xs text-muted" title="Runs after this stage: depending on it would make a cycle">
                <RefreshCcw size={12} aria-hidden="true" /> would make a cycle
              </span>
            )}
          </div>
        ))}
        {missing.map((r) => (
          <label key={r} className="flex items-center gap-2 text-sm text-danger">
            <input type="checkbox" className={checkboxClass} checked disabled={readOnly} onChange={() => toggle(r, false)} />
            Missing stage “{r}”
          </label>
        ))}
      </div>
      {current.length === 0 && <p className="text-xs text-muted">No requisites: this stage starts when the pipeline does.</p>}
      {refusal && <Alert tone="danger">Not connected: {refusal}</Alert>}
      <IssueMessages issues={issues.at(pathKey)} />
    </fieldset>
  );
}

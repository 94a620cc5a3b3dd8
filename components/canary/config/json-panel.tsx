'use client';

import { useState } from 'react';
import { monoAreaClass } from '@/components/pipelines/control-styles';
import { RevisionDiff } from '@/components/pipelines/revision-diff';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import type { ConfigDocument } from './config-edits';

type Parsed = { doc: ConfigDocument } | { error: string };

function parseConfig(text: string): Parsed {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Array.isArray((parsed as { metrics?: unknown }).metrics)) {
      return { error: 'The config must be a JSON object with a metrics array.' };
    }
    return { doc: parsed as ConfigDocument };
  } catch (err) {
    return { error: `Not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/**
 * The raw Kayenta JSON (deck-kayenta's JSON modal): read it, edit and apply it to the form (keys the
 * form does not know are kept), or compare it with the saved version.
 */
export function JsonPanel({ doc, saved, onApply, canWrite }: { doc: ConfigDocument; saved?: ConfigDocument; onApply(doc: ConfigDocument): void; canWrite: boolean }) {
  const [text, setText] = useState(() => JSON.stringify(doc, null, 2));
  const [view, setView] = useState<'json' | 'diff'>('json');
  const [error, setError] = useState<string>();
  const apply = () => {
    const parsed = parseConfig(text);
    if ('error' in parsed) setError(parsed.error);
    else {
      setError(undefined);
      onApply(parsed.doc);
    }
  };
  const current = parseConfig(text);
  return (
    <section aria-labelledby="json-heading" className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <h2 id="json-heading" className="text-lg font-semibold">JSON</h2>
        {saved && (
          <div role="tablist" aria-label="JSON view" className="flex gap-1">
            {(['json', 'diff'] as const).map((v) => (
              <button key={v} type="button" role="tab" aria-selected={view === v} onClick={() => setView(v)} className={cn('rounded-md px-3 py-1 text-sm', view === v ? 'bg-surface-2 font-medium' : 'text-muted hover:text-fg')}>
                {v === 'json' ? 'Config' : 'Diff with saved'}
              </button>
            ))}
          </div>
        )}
      </div>
      {view === 'diff' && saved ? (
        'doc' in current ? <RevisionDiff before={saved} after={current.doc} label="Changes since the saved version" /> : <Alert tone="danger">{current.error}</Alert>
      ) : (
        <>
          <textarea aria-label="Canary config JSON" className={`${monoAreaClass} min-h-96`} spellCheck={false} readOnly={!canWrite} value={text} onChange={(e) => setText(e.target.value)} />
          {error && <Alert tone="danger">{error}</Alert>}
          {canWrite && <div><Button onClick={apply}>Apply JSON</Button></div>}
        </>
      )}
    </section>
  );
}

'use client';

import { Copy, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import { stageCatalog, stageCategories } from '@/lib/pipeline/stage-catalog';
import { Button } from '@/components/ui/button';
import { CommonStageFields, StageExecutionOptions } from './common-stage-fields';
import { sectionTitleClass, textInputClass } from './control-styles';
import { useEditor } from './editor-context';
import { catalogTypes, isCatalogType } from './catalog-types';
import { IssueMessages } from './field-shell';
import { getIn } from './json-path';
import { parsePath } from './issue-paths';
import { SchemaFields } from './schema-field';
import { stageFieldSpecs } from './schema-fields';
import { changeStageType, stageLabel, type StageSummary } from './stage-edits';
import { stageFieldOverrides } from './stage-type-fields';

const COMMON_SHOWN = new Set(['name', 'requisiteStageRefIds', 'failPipeline', 'continuePipeline', 'completeOtherBranchesThenFail', 'stageEnabled', 'overrideTimeout', 'stageTimeoutMs', 'comments']);

/** The selected stage: its type, the common options, and a form for its type read from the stage's zod schema. */
export function StageForm({ stage, onCopy, onDelete }: { stage: StageSummary; onCopy: () => void; onDelete: () => void }) {
  const { doc, issues, readOnly, edit } = useEditor();
  const typeId = useId();
  const type = stage.type;
  const catalog = isCatalogType(type) ? stageCatalog[type] : undefined;
  const specs = isCatalogType(type) ? stageFieldSpecs(type) : [];
  const shown = new Set([...COMMON_SHOWN, ...specs.map((s) => s.key)]);
  const base = `stages[${stage.index}]`;
  const overrides = stageFieldOverrides[type] ?? {};
  // Fields in use (or required, or with issues) show first; the rest wait under "More options".
  // Decided once per stage, so a field does not jump away while it is being filled in.
  const [primary] = useState(() => new Set(specs.filter((f) => f.required || overrides[f.key] || getIn(doc, ['stages', stage.index, f.key]) !== undefined || issues.at(`${base}.${f.key}`).length > 0).map((f) => f.key)));
  const secondary = specs.filter((f) => !primary.has(f.key));
  // Issues about the stage itself or keys this form has no field for: listed at the top so none is hidden.
  const elsewhere = issues.at(base).filter((issue) => {
    const key = parsePath(issue.path)[2];
    return key === undefined || typeof key !== 'string' || !shown.has(key);
  });

  return (
    <section aria-labelledby={`${typeId}-title`} data-path={base} className="flex flex-col gap-5">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={`${typeId}-title`} className="truncate text-base font-semibold">
            {stageLabel(stage)}
          </h2>
          <p className="text-xs text-muted">
            {catalog ? catalog.description : `Foresail has no form for “${stage.type || 'untyped'}” stages; edit them in JSON/YAML mode.`} · refId {stage.refId}
          </p>
        </div>
        {!readOnly && (
          <div className="flex gap-1.5">
            <Button size="sm" variant="ghost" onClick={onCopy}>
              <Copy size={14} aria-hidden="true" /> Copy
            </Button>
            <Button size="sm" variant="ghost" onClick={onDelete} className="text-danger">
              <Trash2 size={14} aria-hidden="true" /> Delete
            </Button>
          </div>
        )}
      </header>
      {elsewhere.length > 0 && <IssueMessages issues={elsewhere} />}
      <div className="flex flex-col gap-3">
        <h3 className={sectionTitleClass}>Stage</h3>
        <div className="flex flex-col gap-1">
          <label htmlFor={typeId} className="text-xs font-medium">
            Type
          </label>
          <select id={typeId} data-path={`${base}.type`} className={textInputClass} value={stage.type} disabled={readOnly} onChange={(e) => {
              const next = e.target.value;
              if (isCatalogType(next)) edit((d) => changeStageType(d, stage.index, next));
            }}
          >
            {!catalog && <option value={stage.type}>{stage.type || '(none)'}</option>}
            {stageCategories.map((category) => (
              <optgroup key={category} label={category}>
                {catalogTypes.filter((t) => stageCatalog[t].category === category).map((t) => (
                  <option key={t} value={t}>
                    {stageCatalog[t].label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <CommonStageFields index={stage.index} refId={stage.refId} />
      </div>
      {specs.length > 0 && (
        <div className="flex flex-col gap-3">
          <h3 className={sectionTitleClass}>{catalog?.label ?? 'Settings'}</h3>
          <SchemaFields specs={specs.filter((f) => primary.has(f.key))} basePath={['stages', stage.index]} overrides={overrides} />
          {secondary.length > 0 && (
            <details className="rounded-md border border-line">
              <summary className="cursor-pointer select-none rounded-md px-3 py-2 text-xs font-semibold hover:bg-surface-2">More options ({secondary.length})</summary>
              <div className="border-t border-line p-3">
                <SchemaFields specs={secondary} basePath={['stages', stage.index]} overrides={overrides} />
              </div>
            </details>
          )}
        </div>
      )}
      <div className="flex flex-col gap-3">
        <h3 className={sectionTitleClass}>Execution options</h3>
        <StageExecutionOptions index={stage.index} />
      </div>
    </section>
  );
}

'use client';

import { LayoutTemplate } from 'lucide-react';
import { useMemo } from 'react';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import type { TemplatedPipelineView } from '@/lib/pipeline/templates/resolve';
import { summarizeStages } from './stage-edits';
import { StageGraph } from './stage-graph';

const noIssues = new Map();
const ignore = () => undefined;

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A templated pipeline (MPT v2) runs the stages of its template: this shows which template and
 * version it resolves to now, the variables it runs with, and the resolved graph (read-only; the
 * variables, `exclude` and the pipeline's own stages are edited in "Edit as JSON / YAML").
 */
export function TemplateSourcePanel({ view }: { view: TemplatedPipelineView }) {
  const stages = useMemo(() => summarizeStages({ stages: view.stages ?? [] }), [view.stages]);
  const { source } = view;
  const errors = view.issues.filter((i) => i.severity === 'error');
  return (
    <Card className="flex flex-col gap-3 p-4" aria-label="Pipeline template">
      <div className="flex flex-wrap items-start gap-3 text-sm">
        <LayoutTemplate size={18} className="mt-0.5 shrink-0 text-info" aria-hidden="true" />
        <div className="min-w-0 flex-1">
          <p className="font-medium text-fg">
            Made from the pipeline template {source?.name ? `${source.name} ` : ''}
            <code>{view.reference}</code>
          </p>
          <p className="text-muted">
            {source ? (
              <>
                Resolves to template <code>{source.id}</code>
                {source.tag ? (
                  <>
                    {' '}
                    tag <code>{source.tag}</code>
                  </>
                ) : (
                  ' (latest version)'
                )}
                , digest <code title={source.digest}>{source.digest.slice(0, 12)}</code>. Each run resolves it again, so a new template version changes the next run.
              </>
            ) : (
              'The template cannot be resolved now, so runs are refused until it can.'
            )}{' '}
            Change the variables in “Edit as JSON / YAML”.
          </p>
        </div>
      </div>
      {errors.map((issue) => (
        <Alert key={`${issue.path}:${issue.message}`} tone="danger">
          {issue.path}: {issue.message}
        </Alert>
      ))}
      {source && Object.keys(source.variables).length > 0 && (
        <table className="w-full max-w-2xl text-left text-sm" aria-label="Template variables">
          <thead className="text-xs text-muted">
            <tr>
              <th className="py-1 pr-4 font-medium">Variable</th>
              <th className="py-1 font-medium">Value</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(source.variables).map(([name, value]) => (
              <tr key={name} className="border-t border-line">
                <td className="py-1 pr-4 font-mono">{name}</td>
                <td className="py-1 font-mono break-all">{formatValue(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.stages && (
        <section aria-label="Resolved stages" className="flex flex-col gap-1">
          <p className="text-xs text-muted">What a run executes ({stages.length} stage{stages.length === 1 ? '' : 's'}, read-only)</p>
          <div className="h-[16rem] rounded-md border border-line">
            <StageGraph stages={stages} issuesByStage={noIssues} readOnly onSelect={ignore} onSelectEdge={ignore} onConnect={ignore} onDisconnect={ignore} onReady={ignore} />
          </div>
        </section>
      )}
    </Card>
  );
}

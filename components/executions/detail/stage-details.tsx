'use client';

import { Tabs } from 'radix-ui';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import type { ExecutionSummary, StageDto, StageSummary } from '@/lib/pipeline/execution';
import { FailurePanel } from './failure-panel';
import { JsonBlock } from './json-block';
import type { ExecutionPermissions } from './permissions';
import { StageActions } from './stage-actions';
import { StageFacts } from './stage-facts';
import { stageTabsFor } from './stage-tabs';
import { useStageDetail } from './use-stage-detail';

const tabClass = '-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm font-medium text-muted hover:text-fg data-[state=active]:border-accent data-[state=active]:text-accent';

export interface StageDetailsProps {
  execution: ExecutionSummary;
  /** The live summary: its status and times are newer than a detail still loading. */
  stage: StageSummary;
  /** Events seen for this stage: a new one fetches its details again. */
  revision: number;
  permissions: ExecutionPermissions;
  now: number;
  onChanged(): void;
}

/**
 * One stage's details: Summary (status, times, tasks, failure, expressions, restart), Context, Outputs,
 * and its type's own tabs. The stage's context and outputs are fetched when it is opened, not shipped
 * with the page (a deploy stage's manifests and their status are tens of KB each).
 */
export function StageDetails({ execution, stage: summary, revision, permissions, now, onChanged }: StageDetailsProps) {
  const extra = stageTabsFor(summary.type);
  const primary = extra.find((t) => t.isPrimary?.(summary))?.id;
  const [tab, setTab] = useState(primary ?? 'summary');
  const detail = useStageDetail(execution.id, summary.id, revision);
  const stage: StageDto | undefined = detail.data && { ...detail.data, ...summary };
  return (
    <section aria-label={`Stage ${summary.name}`} className="rounded-lg border border-line bg-surface p-4">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-base font-semibold">{summary.name}</h3>
        {permissions.canExecute && stage && <StageActions executionId={execution.id} stage={stage} onChanged={onChanged} />}
      </div>
      {detail.error && <Alert tone="danger">{`Could not load the stage: ${detail.error.message}`}</Alert>}
      {!stage ? (
        !detail.error && <p className="text-sm text-muted">Loading the stage…</p>
      ) : (
        <Tabs.Root value={tab} onValueChange={setTab}>
          <Tabs.List aria-label="Stage details" className="mb-3 flex gap-1 border-b border-line">
            <Tabs.Trigger value="summary" className={tabClass}>
              Summary
            </Tabs.Trigger>
            {extra.map((t) => (
              <Tabs.Trigger key={t.id} value={t.id} className={tabClass}>
                {t.label}
              </Tabs.Trigger>
            ))}
            <Tabs.Trigger value="context" className={tabClass}>
              Context
            </Tabs.Trigger>
            <Tabs.Trigger value="outputs" className={tabClass}>
              Outputs
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="summary" className="flex flex-col gap-4">
            <FailurePanel stage={stage} />
            <StageFacts stage={stage} now={now} />
          </Tabs.Content>
          {extra.map(({ id, Component }) => (
            <Tabs.Content key={id} value={id}>
              <Component execution={execution} stage={stage} permissions={permissions} onChanged={onChanged} />
            </Tabs.Content>
          ))}
          <Tabs.Content value="context">
            <JsonBlock label="Stage context" value={stage.context} />
          </Tabs.Content>
          <Tabs.Content value="outputs">
            <JsonBlock label="Stage outputs" value={stage.outputs} />
          </Tabs.Content>
        </Tabs.Root>
      )}
    </section>
  );
}

'use client';

import dynamic from 'next/dynamic';
import { Tabs } from 'radix-ui';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PipelineView } from '@/lib/pipeline/api-schemas';
import { Alert } from '@/components/ui/alert';
import { EditorHeader } from './editor-header';
import { EditorProvider, type EditorApi } from './editor-context';
import { indexIssues, stageIndexOf, type PathSegment } from './issue-paths';
import { IssueSummary } from './issue-summary';
import { isJsonObject, setInDoc } from './json-path';
import { LockBanner } from './lock-banner';
import { ManagedBanner } from './managed-banner';
import { managedByOf } from '@/lib/pipeline/managed-by';
import { PipelineActionsMenu } from './pipeline-actions-menu';
import { SaveFeedback } from './save-feedback';
import { summarizeStages } from './stage-edits';
import { StagesTab } from './stages-tab';
import { TemplateSourcePanel } from './template-source-panel';
import type { TemplatedPipelineView } from '@/lib/pipeline/templates/resolve';
import { useRouter } from 'next/navigation';
import { useFieldFocus } from './use-field-focus';
import { useGraphActions } from './use-graph-actions';
import { useLiveValidation } from './use-live-validation';
import { usePipelineApi } from './use-pipeline-api';
import { usePipelineDocument } from './use-pipeline-document';
import { useTextMode } from './use-text-mode';
import { useUnsavedWarning } from './use-unsaved-warning';
import { validateInBackground } from './validation-client';

// Loaded when first shown, so zod (the forms read its schemas) and YAML stay out of the first load.
const SettingsTab = dynamic(() => import('./settings-tab').then((m) => m.SettingsTab), { loading: () => <p className="text-sm text-muted">Loading…</p> });
const TextMode = dynamic(() => import('./text-mode').then((m) => m.TextMode), { ssr: false, loading: () => <p className="text-sm text-muted">Loading the text editor…</p> });

type Tab = 'stages' | 'settings' | 'text';
const tabClass = 'rounded-t-md border-b-2 border-transparent px-3 py-2 text-sm font-medium text-muted hover:text-fg data-[state=active]:border-accent data-[state=active]:text-accent';

export interface PipelineEditorProps {
  application: string;
  initial: PipelineView;
  canWrite: boolean;
  /** EXECUTE on the application: needed as well to add, change or enable triggers. */
  canExecute: boolean;
  historyHref: string;
  /** A templated pipeline (MPT v2): its template and resolved stages as saved. */
  templated?: TemplatedPipelineView;
}

/** The pipeline configuration screen: graph and stage forms, pipeline settings, JSON/YAML, save. */
export function PipelineEditor({ application, initial, canWrite, canExecute, historyHref, templated }: PipelineEditorProps) {
  const router = useRouter();
  const { doc, baseline, isDirty, edit, adopt, revert } = usePipelineDocument(initial);
  const validation = useLiveValidation(doc, baseline.pipeline);
  const issues = useMemo(() => indexIssues(validation.issues), [validation.issues]);
  const stages = useMemo(() => summarizeStages(doc), [doc]);
  const graph = useGraphActions(doc, edit);
  const text = useTextMode(doc, edit);
  const focusField = useFieldFocus();
  const [tab, setTab] = useState<Tab>('stages');
  const [tabError, setTabError] = useState<string>();
  const [textJump, setTextJump] = useState<{ path: string; at: number }>();
  const [graphReady, setGraphReady] = useState(false);
  const onGraphReady = useCallback(() => setGraphReady(true), []);
  const adoptView = useCallback(
    (view: PipelineView) => {
      adopt(view);
      text.resync(view.pipeline);
      // The server resolves the template again for the saved variables.
      if (templated) router.refresh();
    },
    [adopt, text, templated, router],
  );
  const api = usePipelineApi(application, String(baseline.pipeline.id ?? ''), baseline.version, adoptView);
  useUnsavedWarning(isDirty);

  const lock = isJsonObject(baseline.pipeline.locked) ? baseline.pipeline.locked : undefined;
  const isLocked = lock !== undefined && lock.ui !== false;
  // A pipeline kept as a Kubernetes resource changes only through it (the API refuses edits too).
  const managedBy = managedByOf(baseline.pipeline);
  const readOnly = !canWrite || isLocked || managedBy !== undefined;
  const setAt = useCallback((path: readonly PathSegment[], value: unknown) => edit((d) => setInDoc(d, path, value)), [edit]);
  const editor = useMemo<EditorApi>(() => ({ doc, issues, readOnly, canChangeTriggers: canExecute, edit, setAt }), [doc, issues, readOnly, canExecute, edit, setAt]);
  const ready = graphReady && validation.checked !== undefined;
  useEffect(() => {
    // For the editor benchmark: time-to-interactive from navigation start, read with performance.getEntriesByName.
    if (ready) performance.mark('foresail:editor-ready');
  }, [ready]);

  const changeTab = async (next: string) => {
    if (next !== 'stages' && next !== 'settings' && next !== 'text') return;
    if (tab === 'text' && next !== 'text') {
      const refused = await text.leave();
      setTabError(refused);
      if (refused) return;
    }
    if (next === 'text') await text.enter();
    setTabError(undefined);
    setTab(next);
  };
  const jump = (path: string) => {
    if (tab === 'text') return setTextJump({ path, at: Date.now() });
    const index = stageIndexOf(path);
    const stage = index === undefined ? undefined : stages[index];
    if (stage) graph.select(stage.refId, 'jump');
    void changeTab(stage ? 'stages' : 'settings');
    focusField(path);
  };
  const save = async () => {
    // In text mode the text is the truth, even if it changed within the last moment.
    const config = text.state ? await text.current() : doc;
    if (!config || (await validateInBackground(config, baseline.pipeline)).some((i) => i.severity === 'error')) return;
    api.save.mutate(config);
  };
  const blockedReason = text.state && !text.state.parses ? 'The text does not parse' : issues.errors > 0 ? `${issues.errors} error${issues.errors === 1 ? '' : 's'} to fix` : undefined;
  const name = typeof doc.name === 'string' && doc.name ? doc.name : String(baseline.pipeline.name ?? 'Pipeline');

  return (
    <EditorProvider value={editor}>
      <div className="flex flex-col gap-4" data-editor-ready={ready ? '' : undefined} aria-busy={!ready}>
        <EditorHeader
          name={name}
          version={baseline.version}
          updatedBy={baseline.updatedBy}
          updatedAt={baseline.updatedAt}
          isDisabled={baseline.pipeline.disabled === true}
          isLocked={isLocked}
          isDirty={isDirty}
          readOnly={readOnly}
          blockedReason={blockedReason}
          saving={api.save.isPending}
          onSave={() => void save()}
          onRevert={() => {
            revert();
            text.resync(baseline.pipeline);
          }}
          actions={
            <PipelineActionsMenu
              name={String(baseline.pipeline.name ?? name)}
              isDisabled={baseline.pipeline.disabled === true}
              isLocked={isLocked}
              canWrite={canWrite && !managedBy}
              isDirty={isDirty}
              historyHref={historyHref}
              pending={api.change.isPending}
              error={api.change.error?.message}
              onChange={(change) => api.change.mutateAsync(change)}
              onDelete={() => api.remove.mutate()}
              deleting={api.remove.isPending}
              deleteError={api.remove.error?.message}
            />
          }
        />
        {managedBy && <ManagedBanner managedBy={managedBy} pipeline={baseline.pipeline} />}
        {isLocked && (
          <LockBanner description={typeof lock?.description === 'string' ? lock.description : undefined} canUnlock={canWrite} allowUnlockUi={lock?.allowUnlockUi !== false} pending={api.change.isPending} error={api.change.error?.message} onUnlock={() => api.change.mutate({ locked: false })} />
        )}
        {!canWrite && !managedBy && <Alert tone="info">You can see this pipeline but not change it: that needs write access to {application}.</Alert>}
        <SaveFeedback error={api.save.error} savedVersion={api.save.isSuccess && !isDirty ? api.save.data.version : undefined} warnings={api.save.data?.warnings ?? []} reloading={api.reload.isPending} onReload={() => api.reload.mutate()} />
        {templated && <TemplateSourcePanel view={templated} />}
        <IssueSummary issues={validation.issues} stages={stages} onJump={jump} />
        <Tabs.Root value={tab} onValueChange={(next) => void changeTab(next)} className="flex flex-col gap-4">
          <Tabs.List aria-label="Editor views" className="flex gap-1 border-b border-line">
            <Tabs.Trigger value="stages" className={tabClass}>
              Stages <span className="ml-1 rounded-full bg-surface-2 px-1.5 text-xs text-muted">{stages.length}</span>
            </Tabs.Trigger>
            <Tabs.Trigger value="settings" className={tabClass}>
              Configuration
            </Tabs.Trigger>
            <Tabs.Trigger value="text" className={tabClass}>
              {readOnly ? 'Show JSON / YAML' : 'Edit as JSON / YAML'}
            </Tabs.Trigger>
          </Tabs.List>
          {tabError && <Alert tone="danger">{tabError}</Alert>}
          <Tabs.Content value="stages" className="outline-none">
            <StagesTab
              stages={stages}
              issuesByStage={issues.byStage}
              readOnly={readOnly}
              selected={graph.selected}
              selectedEdge={graph.selectedEdge}
              reveal={graph.reveal}
              refusal={graph.refusal}
              onSelectFromGraph={graph.selectFromGraph}
              onSelectFromList={graph.selectFromList}
              onSelectEdge={graph.selectEdge}
              onAdd={graph.add}
              onCopy={graph.copy}
              onDelete={graph.remove}
              onConnect={graph.connect}
              onDisconnect={graph.disconnect}
              onGraphReady={onGraphReady}
            />
          </Tabs.Content>
          <Tabs.Content value="settings" className="outline-none">
            <SettingsTab />
          </Tabs.Content>
          <Tabs.Content value="text" className="outline-none">
            {text.state && <TextMode text={text.state.text} format={text.state.format} readOnly={readOnly} issues={validation.issues} jump={textJump} onChange={text.onChange} onParsed={text.onParsed} onFormat={text.onFormat} />}
          </Tabs.Content>
        </Tabs.Root>
      </div>
    </EditorProvider>
  );
}

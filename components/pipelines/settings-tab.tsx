'use client';

import { useId } from 'react';
import { useEditor } from './editor-context';
import { getIn } from './json-path';
import { NotificationsPanel } from './notifications-panel';
import { Panel } from './panel';
import { ParametersPanel } from './parameters-panel';
import { TriggersPanel } from './triggers-panel';
import { BooleanInput, NumberInput, TextInput } from './value-inputs';

function ExecutionOptionsPanel() {
  const { doc } = useEditor();
  const id = useId();
  const limited = getIn(doc, ['limitConcurrent']) !== false;
  return (
    <Panel id={`${id}-title`} title="Description and execution options">
      <TextInput path={['description']} label="Description" multiline />
      <BooleanInput path={['limitConcurrent']} whenAbsent label="Disable concurrent pipeline executions (only run one at a time)" />
      {limited ? (
        <BooleanInput path={['keepWaitingPipelines']} label="Do not automatically cancel pipelines waiting in the queue" />
      ) : (
        <div className="max-w-xs">
          <NumberInput path={['maxConcurrentExecutions']} label="Maximum concurrent executions" hint="0 means no limit" />
        </div>
      )}
    </Panel>
  );
}

/** Pipeline-level configuration: description and execution options, triggers, parameters, notifications. */
export function SettingsTab() {
  return (
    <div className="flex flex-col gap-4">
      <ExecutionOptionsPanel />
      <TriggersPanel />
      <ParametersPanel />
      <NotificationsPanel />
    </div>
  );
}

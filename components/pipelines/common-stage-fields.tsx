'use client';

import { useId } from 'react';
import { checkboxClass, textInputClass } from './control-styles';
import { DependsOnField } from './depends-on-field';
import { useEditor } from './editor-context';
import { describedBy, FieldShell } from './field-shell';
import { failureOptionOf, failureOptions } from './failure-options';
import { getIn, isJsonObject, type JsonObject } from './json-path';
import { TextInput } from './value-inputs';
import { minutesTextToMs, msToMinutesText } from './value-text';

/** The options every stage has: name, depends on, failure handling, a condition, a timeout, comments. */
export function CommonStageFields({ index, refId }: { index: number; refId: string }) {
  const base = ['stages', index] as const;
  return (
    <div className="flex flex-col gap-3">
      <TextInput path={[...base, 'name']} label="Name" required />
      <DependsOnField index={index} refId={refId} />
    </div>
  );
}

export function StageExecutionOptions({ index }: { index: number }) {
  const { doc, issues, readOnly, edit, setAt } = useEditor();
  const id = useId();
  const stage = getIn(doc, ['stages', index]);
  const s: JsonObject = isJsonObject(stage) ? stage : {};
  const failure = failureOptionOf(s);
  const failureIssues = ['failPipeline', 'continuePipeline', 'completeOtherBranchesThenFail'].flatMap((key) => issues.at(`stages[${index}].${key}`));
  const conditional = isJsonObject(s.stageEnabled);
  const timeoutIssues = issues.at(`stages[${index}].stageTimeoutMs`);
  return (
    <div className="flex flex-col gap-3">
      <FieldShell id={`${id}-fail`} label="If stage fails" issues={failureIssues}>
        <select
          id={`${id}-fail`}
          data-path={`stages[${index}].failPipeline`}
          className={textInputClass}
          value={failure ?? ''}
          disabled={readOnly}
          onChange={(e) => {
            const option = failureOptions.find((o) => o.id === e.target.value);
            if (option) edit((d) => ({ ...d, stages: (Array.isArray(d.stages) ? d.stages : []).map((st, i) => (i === index && isJsonObject(st) ? { ...st, ...option.flags } : st)) }));
          }}
          {...describedBy(`${id}-fail`, failureIssues)}
        >
          {failure === undefined && <option value="">(decided by an expression)</option>}
          {failureOptions.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </FieldShell>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className={checkboxClass} checked={conditional} disabled={readOnly} onChange={(e) => setAt(['stages', index, 'stageEnabled'], e.target.checked ? { type: 'expression', expression: '' } : undefined)} />
        Run only when an expression is true
      </label>
      {conditional && <TextInput path={['stages', index, 'stageEnabled', 'expression']} label="Condition" placeholder="${parameters.deploy == 'true'}" hint="SpEL, with or without ${…}" />}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className={checkboxClass}
          checked={s.overrideTimeout === true}
          disabled={readOnly}
          onChange={(e) => edit((d) => ({ ...d, stages: (Array.isArray(d.stages) ? d.stages : []).map((st, i) => (i === index && isJsonObject(st) ? withTimeout(st, e.target.checked) : st)) }))}
        />
        Fail the stage after a timeout
      </label>
      {s.overrideTimeout === true && (
        <FieldShell id={`${id}-timeout`} label="Timeout (minutes)" issues={timeoutIssues}>
          <input
            id={`${id}-timeout`}
            data-path={`stages[${index}].stageTimeoutMs`}
            type="text"
            inputMode="decimal"
            className={textInputClass}
            value={msToMinutesText(s.stageTimeoutMs)}
            disabled={readOnly}
            onChange={(e) => setAt(['stages', index, 'stageTimeoutMs'], minutesTextToMs(e.target.value) ?? '')}
            {...describedBy(`${id}-timeout`, timeoutIssues)}
          />
        </FieldShell>
      )}
      <TextInput path={['stages', index, 'comments']} label="Comments" multiline />
    </div>
  );
}

function withTimeout(stage: JsonObject, on: boolean): JsonObject {
  if (on) return { ...stage, overrideTimeout: true, stageTimeoutMs: typeof stage.stageTimeoutMs === 'number' ? stage.stageTimeoutMs : 3_600_000 };
  const rest = { ...stage };
  delete rest.overrideTimeout;
  delete rest.stageTimeoutMs;
  return rest;
}

'use client';

import { useId } from 'react';
import { textInputClass } from './control-styles';
import { useField } from './editor-context';
import { describedBy, IssueMessages } from './field-shell';
import type { PathSegment } from './issue-paths';
import { RowInput } from './row-input';
import { BooleanInput } from './value-inputs';

const contextFields: Record<string, { key: string; label: string; numeric?: boolean; placeholder?: string }[]> = {
  expression: [{ key: 'expression', label: 'Expression', placeholder: "${#stage('Deploy').status == 'SUCCEEDED'}" }],
  stageStatus: [
    { key: 'stageName', label: 'Stage name' },
    { key: 'stageStatus', label: 'Status', placeholder: 'SUCCEEDED' },
  ],
  clusterSize: [
    { key: 'credentials', label: 'Account' },
    { key: 'cluster', label: 'Cluster' },
    { key: 'expected', label: 'Expected size', numeric: true },
  ],
};

/** One precondition: its type, the context that type needs, and whether failing it fails the pipeline. */
export function PreconditionRow({ path, index }: { path: PathSegment[]; index: number }) {
  const id = useId();
  const type = useField([...path, 'type']);
  const kind = typeof type.value === 'string' ? type.value : '';
  return (
    <div className="flex w-full flex-col gap-2 rounded-md border border-line p-2.5">
      <div className="flex flex-wrap items-start gap-1.5">
        <div className="w-40 shrink-0">
          <select
            id={id}
            data-path={type.pathKey}
            aria-label={`Precondition ${index + 1} type`}
            className={textInputClass}
            value={kind}
            disabled={type.readOnly}
            onChange={(e) => type.set(e.target.value)}
            {...describedBy(id, type.issues)}
          >
            {kind !== '' && !(kind in contextFields) && <option value={kind}>{kind}</option>}
            <option value="expression">Expression</option>
            <option value="stageStatus">Stage status</option>
            <option value="clusterSize">Cluster size</option>
          </select>
          <IssueMessages id={`${id}-issues`} issues={type.issues} />
        </div>
        {(contextFields[kind] ?? []).map((f) => (
          <RowInput key={f.key} path={[...path, 'context', f.key]} label={`Precondition ${index + 1} ${f.label.toLowerCase()}`} numeric={f.numeric} placeholder={f.placeholder ?? f.label} />
        ))}
      </div>
      <BooleanInput path={[...path, 'failPipeline']} label="Fail the pipeline if this does not hold" />
    </div>
  );
}

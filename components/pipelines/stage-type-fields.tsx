'use client';

import dynamic from 'next/dynamic';
import { AccountPicker } from './account-picker';
import { fieldLabel } from './field-labels';
import { getIn } from './json-path';
import { useEditor } from './editor-context';
import type { PathSegment } from './issue-paths';
import { ListRows } from './list-rows';
import { NamespacePicker } from './namespace-picker';
import { PreconditionRow } from './precondition-row';
import { RowInput } from './row-input';
import type { FieldOverrides } from './schema-field';

const ManifestsField = dynamic(() => import('./manifests-field').then((m) => m.ManifestsField), { ssr: false, loading: () => <p className="text-xs text-muted">Loading editor…</p> });

function WeightsTotal({ path }: { path: readonly PathSegment[] }) {
  const { doc } = useEditor();
  const weights = getIn(doc, path);
  const list = Array.isArray(weights) ? weights : [];
  const numbers = list.map((w: unknown) => (typeof w === 'object' && w !== null ? (w as { weight?: unknown }).weight : undefined));
  if (list.length === 0 || !numbers.every((n): n is number => typeof n === 'number')) return null;
  const total = numbers.reduce((sum, n) => sum + n, 0);
  return <p className="text-xs text-muted">Total: {total}%</p>;
}

/** Account and namespace pickers fed by the configured Kubernetes accounts; `namespaceKey` is where the stage keeps its namespace. */
const kubernetesTarget = (namespaceKey: string): FieldOverrides => ({
  account: (path) => <AccountPicker path={path} />,
  [namespaceKey]: (path) => <NamespacePicker path={path} label={fieldLabel(namespaceKey)} />,
});

/** Purpose-built fields for the parts of some stage types a generic form shows badly. */
export const stageFieldOverrides: Record<string, FieldOverrides> = {
  deployManifest: { ...kubernetesTarget('namespaceOverride'), manifests: (path) => <ManifestsField path={path} /> },
  runJobManifest: kubernetesTarget('namespaceOverride'),
  deleteManifest: kubernetesTarget('location'),
  scaleManifest: kubernetesTarget('location'),
  patchManifest: kubernetesTarget('location'),
  undoRolloutManifest: kubernetesTarget('location'),
  rollingRestartManifest: kubernetesTarget('location'),
  findArtifactsFromResource: kubernetesTarget('location'),
  enableManifest: kubernetesTarget('location'),
  disableManifest: kubernetesTarget('location'),
  canaryRelease: kubernetesTarget('namespace'),
  manualJudgment: {
    judgmentInputs: (path) => (
      <ListRows path={path} label="Judgment inputs" itemName="option" newItem={() => ({ value: '' })} empty="No options: the judge can only continue or stop." renderItem={(item, i) => <RowInput path={[...item, 'value']} label={`Judgment option ${i + 1}`} placeholder="e.g. Roll back" />} />
    ),
  },
  evaluateVariables: {
    variables: (path) => (
      <ListRows
        path={path}
        label="Variables"
        itemName="variable"
        newItem={() => ({ key: '', value: '' })}
        renderItem={(item, i) => (
          <>
            <RowInput path={[...item, 'key']} label={`Variable ${i + 1} name`} placeholder="name" className="w-40 shrink-0" />
            <RowInput path={[...item, 'value']} label={`Variable ${i + 1} value`} placeholder="${trigger.tag}" />
          </>
        )}
      />
    ),
  },
  trafficSplit: {
    ...kubernetesTarget('namespace'),
    weights: (path) => (
      <ListRows
        path={path}
        label="Weights"
        itemName="destination"
        newItem={() => ({ destination: '', weight: 0 })}
        footer={<WeightsTotal path={path} />}
        renderItem={(item, i) => (
          <>
            <RowInput path={[...item, 'destination']} label={`Destination ${i + 1}`} placeholder="subset or backend" />
            <RowInput path={[...item, 'weight']} label={`Weight ${i + 1} (percent)`} numeric placeholder="%" className="w-24 shrink-0" />
          </>
        )}
      />
    ),
  },
  checkPreconditions: {
    preconditions: (path) => (
      <ListRows path={path} label="Preconditions" itemName="precondition" newItem={() => ({ type: 'expression', context: { expression: '' }, failPipeline: true })} renderItem={(item, i) => <PreconditionRow path={item} index={i} />} />
    ),
  },
};

import 'server-only';
import type { RunStageOf } from '../../pipeline';
import type { ExecutionView, StageServices } from '../types';
import { helmTemplate } from './helm-template';
import { readInputs } from './inputs';

/**
 * The Helm renderer: `helm template` on the chart (the first input artifact: a packaged chart,
 * embedded or fetched), with the other inputs as values files and the overrides as `--set-string`
 * (or `--set` with rawOverrides).
 */
export async function bakeWithHelm(config: RunStageOf<'bakeManifest'>, execution: ExecutionView, services: StageServices, signal: AbortSignal): Promise<{ ok: true; manifests: string } | { ok: false; error: string }> {
  const inputs = config.inputArtifacts ?? [];
  const read = await readInputs(execution, inputs, services);
  if ('error' in read) return { ok: false, error: read.error };
  const [chart, ...values] = read.files;
  if (!chart) return { ok: false, error: 'The stage names no chart to bake (inputArtifacts is empty)' };
  return helmTemplate(
    {
      release: config.outputName ?? '',
      chart,
      values: values.map((v) => v.toString('utf8')),
      namespace: config.namespace,
      overrides: config.overrides ?? {},
      rawOverrides: config.rawOverrides === true,
      includeCRDs: config.includeCRDs === true,
      apiVersions: config.apiVersions,
      kubeVersion: config.kubeVersion,
    },
    { binary: services.helmBinary(), signal },
  );
}

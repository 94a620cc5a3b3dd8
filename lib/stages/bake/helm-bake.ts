import 'server-only';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RunStageOf } from '../../pipeline';
import type { ExecutionView, StageServices } from '../types';
import { helmTemplate, type HelmTemplateRequest } from './helm-template';
import { boundInput, describeInput, readInputs } from './inputs';

type Rendered = { ok: true; manifests: string } | { ok: false; error: string };

/**
 * A chart in a git/repo artifact (Spinnaker's `helmChartFilePath`: the chart's Chart.yaml, or its
 * folder, in the repository; else the artifact's sub-path): cloned, then rendered from its folder.
 */
async function withChartFolder(artifact: Record<string, unknown>, what: string, chartFilePath: string | undefined, services: StageServices, render: (chart: HelmTemplateRequest['chart']) => Promise<Rendered>): Promise<Rendered> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'foresail-chart-'));
  try {
    const checkout = await services.checkoutArtifact(artifact, what, dir);
    if ('error' in checkout) return { ok: false, error: checkout.error };
    const target = chartFilePath ? path.resolve(checkout.root, chartFilePath.replace(/^\/+/, '')) : checkout.path;
    const folder = path.basename(target) === 'Chart.yaml' ? path.dirname(target) : target;
    if (folder !== checkout.path && !folder.startsWith(`${checkout.path}${path.sep}`)) return { ok: false, error: `${chartFilePath ?? ''} (helmChartFilePath) is outside the artifact's sub-path` };
    const hasChart = await fs.stat(path.join(folder, 'Chart.yaml')).then((s) => s.isFile(), () => false);
    if (!hasChart) return { ok: false, error: `The repository has no chart at ${path.relative(checkout.root, folder) || '.'} (no Chart.yaml; set helmChartFilePath)` };
    return await render({ folder });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * The Helm renderer: `helm template` on the chart (the first input artifact: a packaged chart,
 * embedded or fetched, or a chart folder in a git/repo), with the other inputs as values files and
 * the overrides as `--set-string` (or `--set` with rawOverrides).
 */
export async function bakeWithHelm(config: RunStageOf<'bakeManifest'>, execution: ExecutionView, services: StageServices, signal: AbortSignal): Promise<Rendered> {
  const [chartInput, ...valueInputs] = config.inputArtifacts ?? [];
  if (!chartInput) return { ok: false, error: 'The stage names no chart to bake (inputArtifacts is empty)' };
  const read = await readInputs(execution, valueInputs, services, 1);
  if ('error' in read) return { ok: false, error: read.error };
  const values = read.files;
  const render = (chart: HelmTemplateRequest['chart']) => helmTemplate(
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
  const chartArtifact = boundInput(execution, chartInput);
  if (chartArtifact?.type === 'git/repo') return withChartFolder(chartArtifact, describeInput(chartInput, 0), config.helmChartFilePath, services, render);
  const chart = await readInputs(execution, [chartInput], services);
  if ('error' in chart) return { ok: false, error: chart.error };
  const [bytes] = chart.files;
  return bytes ? render(bytes) : { ok: false, error: 'The stage names no chart to bake (inputArtifacts is empty)' };
}

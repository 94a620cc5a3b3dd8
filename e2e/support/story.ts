import fs from 'node:fs';
import path from 'node:path';
import { AppsV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { goldengoose } from '../../lib/demo/goldengoose';
import { profiles, type ProfileName } from '../../lib/demo/profiles';
import type { ExecutionSummary } from '../../lib/pipeline/execution';
import { anonymous } from './sign-in';

/** What the story suite reads back from the demo cluster through the Kubernetes API (not through Foresail). */
export interface DemoCluster {
  productionImage(): Promise<string | undefined>;
  /** The VirtualService's production / baseline / canary weights. */
  weights(): Promise<number[]>;
  /** Deployments a canary release labelled (baseline and canary) that are still there. */
  leftovers(): Promise<string[]>;
}

/** The demo world's cluster: `<dataDir>/world/kubeconfig`, context `demo` (lib/world/demo-paths.ts). */
export function demoCluster(dataDir: string): DemoCluster {
  const kc = new KubeConfig();
  kc.loadFromFile(path.join(dataDir, 'world', 'kubeconfig'));
  kc.setCurrentContext('demo');
  const apps = kc.makeApiClient(AppsV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const { namespace, workload } = goldengoose;
  return {
    productionImage: async () => (await apps.readNamespacedDeployment({ namespace, name: workload })).spec?.template.spec?.containers[0]?.image,
    async weights() {
      const vs = (await custom.getNamespacedCustomObject({ group: 'networking.istio.io', version: 'v1', namespace, plural: 'virtualservices', name: workload })) as { spec: { http: { route: { weight: number }[] }[] } };
      return (vs.spec.http[0]?.route ?? []).map((r) => r.weight);
    },
    leftovers: async () => (await apps.listNamespacedDeployment({ namespace, labelSelector: `foresail.io/canary-release=${workload}` })).items.map((d) => d.metadata?.name ?? ''),
  };
}

/** A fresh browser signed in as `login` through the demo's persona picker. */
export async function signInAsPersona(browser: Browser, origin: string, login: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: anonymous, viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${origin}/login`);
  await page.getByRole('button', { name: `Sign in as ${login}` }).click();
  await expect(page.getByText(`Demo mode: you are signed in as ${login}`)).toBeVisible();
  return { context, page };
}

/**
 * The test's canary timing: the demo's 30 s warm-up, then one 1-minute interval instead of four. The
 * warm-up stays as long as the CPU metric's 30 s rate window: shorter, the new pods' first rates are
 * partial and so noisy that the borderline canary's CPU increase went unseen (scored 85, promoted).
 */
export const storyTiming = { warmupMinutes: 0.5, intervalMinutes: 1, lifetime: 'PT1M' } as const;

/**
 * Shortens the seeded Deploy pipeline's canary timing by editing it through the API, as anyone may
 * edit the seeded pipelines (`page` is signed in as an administrator).
 */
export async function shortenCanaryTiming(page: Page): Promise<void> {
  const status = await page.evaluate(
    async ({ id, timing }) => {
      const url = `/api/v1/applications/goldengoose/pipelines/${id}`;
      const view = (await (await fetch(url)).json()) as { version: number; pipeline: { stages: { canaryConfig: Record<string, unknown> }[] } };
      const stage = view.pipeline.stages[0];
      if (!stage) return 0;
      stage.canaryConfig = { ...stage.canaryConfig, lifetimeDuration: timing.lifetime, beginCanaryAnalysisAfterMins: timing.warmupMinutes, canaryAnalysisIntervalMins: timing.intervalMinutes };
      const res = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pipeline: view.pipeline, expectedVersion: view.version }) });
      return res.status;
    },
    { id: goldengoose.pipelines.deploy, timing: storyTiming },
  );
  expect(status).toBe(200);
}

/** "Push a change" through its dialog on the goldengoose page; returns the pushed commit's short sha. */
export async function pushThroughDialog(page: Page, profile: ProfileName, screenshot?: string): Promise<string> {
  await page.goto(new URL('/applications/goldengoose', page.url()).toString());
  await page.getByRole('button', { name: 'Push a change' }).click();
  const dialog = page.getByRole('dialog', { name: 'Push a change to goldengoose' });
  await dialog.getByRole('radio', { name: profiles[profile].title }).check();
  await dialog.getByRole('button', { name: `Push (${profile})` }).click();
  const accepted = dialog.getByText(/Pushed commit [0-9a-f]{7} .*Foresail accepted it: the Build pipeline started/);
  await expect(accepted).toBeVisible({ timeout: 30_000 });
  if (screenshot) await dialog.screenshot({ path: screenshot });
  const sha = /Pushed commit ([0-9a-f]{7})/.exec((await accepted.textContent()) ?? '')?.[1];
  if (!sha) throw new Error('the dialog named no commit');
  await dialog.getByRole('button', { name: 'Close' }).click();
  return sha;
}

/** goldengoose's Deploy executions, newest first, as the signed-in person of `page` sees them. */
export async function deployExecutions(page: Page): Promise<ExecutionSummary[]> {
  return page.evaluate(async (pipeline) => {
    const res = await fetch(`/api/v1/executions?application=goldengoose&pipeline=${pipeline}&limit=20`);
    return ((await res.json()) as { executions: ExecutionSummary[] }).executions;
  }, goldengoose.pipelines.deploy);
}

/** The Deploy run the Build of commit `sha` triggered (its trigger carries the built image). */
export async function deployOf(page: Page, sha: string): Promise<ExecutionSummary> {
  let found: ExecutionSummary | undefined;
  await expect
    .poll(
      async () => {
        found = (await deployExecutions(page)).find((e) => JSON.stringify(e.trigger).includes(`${goldengoose.image}:${sha}`));
        return found?.id;
      },
      { message: `the Deploy run of commit ${sha}`, timeout: 120_000, intervals: [1_000] },
    )
    .toBeTruthy();
  if (!found) throw new Error('unreachable');
  return found;
}

/** The status of one execution, polled through the API. */
export async function executionStatus(page: Page, id: string): Promise<string> {
  return page.evaluate(async (executionId) => ((await (await fetch(`/api/v1/executions/${executionId}`)).json()) as { status: string }).status, id);
}

/** Each stage's status by name, of one execution, through the API. */
export async function stageStatuses(page: Page, id: string): Promise<Record<string, string>> {
  return page.evaluate(async (executionId) => {
    const execution = (await (await fetch(`/api/v1/executions/${executionId}`)).json()) as { stages: { name: string; status: string }[] };
    return Object.fromEntries(execution.stages.map((s) => [s.name, s.status]));
  }, id);
}

/** Opens an execution's page once its view has loaded. */
export async function openExecution(page: Page, id: string): Promise<void> {
  await page.goto(new URL(`/applications/goldengoose/executions/${id}`, page.url()).toString());
  await expect(page.locator('html[data-execution-ready]')).toBeAttached();
}

/** Where the suite writes the README's screenshots (`npm run docs:screenshots`), or undefined when it should not. */
export function docsScreenshot(name: string): string | undefined {
  if (process.env.FORESAIL_DOCS_SCREENSHOTS !== '1') return undefined;
  const dir = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

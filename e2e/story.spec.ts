/**
 * The goldengoose story, the project's top test: `npm run demo` as a newcomer starts it (Foresail and
 * its demo world: a Kubernetes cluster, Prometheus, the labelled build and traffic simulators), people
 * sign in through the persona picker and push changes through the "Push a change" dialog. What the
 * suite checks on the cluster it reads through the Kubernetes API, not through Foresail.
 * The three stories run one after another in one world (a canary needs the one before it cleaned up).
 * With `FORESAIL_DOCS_SCREENSHOTS=1` (`npm run docs:screenshots`) it also writes the README's pictures.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startForesail, type ForesailProcess } from './support/foresail-process';
import { demoCluster, deployExecutions, deployOf, docsScreenshot, executionStatus, openExecution, pushThroughDialog, shortenCanaryTiming, signInAsPersona, stageStatuses, type DemoCluster } from './support/story';

interface Story {
  demo: ForesailProcess;
  cluster: DemoCluster;
}

const test = base.extend<object, { story: Story }>({
  story: [
    async ({ browser }, use) => {
      const demo = await startForesail({ command: 'demo', baseUrl: null });
      try {
        // alice (the demo's administrator) waits for the world and shortens the canary for the test.
        const alice = await signInAsPersona(browser, demo.url, 'alice');
        await alice.page.goto(`${demo.url}/applications/goldengoose`);
        // A warm build cache brings the world up in about a minute; a first start builds Kubernetes.
        await expect(alice.page.getByRole('link', { name: 'World ready' })).toBeVisible({ timeout: 1_500_000 });
        await shortenCanaryTiming(alice.page);
        await alice.context.close();
        await use({ demo, cluster: demoCluster(demo.dataDir) });
      } finally {
        await demo.stop();
      }
    },
    { scope: 'worker', timeout: 1_800_000 },
  ],
});

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1200, height: 800 } });

const stageButton = (page: Page, name: string) => page.getByRole('group', { name: /^Stage graph/ }).getByRole('button', { name: new RegExp(`^${name},`) });
const headerStatus = (page: Page) => page.getByRole('heading', { level: 1, name: 'Deploy' }).locator('xpath=following-sibling::*[1]');
/** A canary run from push to verdict takes about two minutes at the test timing; a loaded machine more. */
const verdict = { timeout: 420_000 };

test('healthy push: built, canaried and promoted; production runs the new image, baseline and canary are gone, weights 100/0/0', async ({ browser, story }) => {
  test.setTimeout(600_000);
  const { demo, cluster } = story;
  expect(await cluster.productionImage()).toBe('goldengoose:v1');
  const bob = await signInAsPersona(browser, demo.url, 'bob');
  const sha = await pushThroughDialog(bob.page, 'healthy', docsScreenshot('story-push.png'));
  const deploy = await deployOf(bob.page, sha);
  await openExecution(bob.page, deploy.id);
  // The canary runs beside production while the analysis waits for its interval.
  await expect(stageButton(bob.page, 'Canary analysis')).toBeVisible({ timeout: 120_000 });
  const shot = docsScreenshot('story-canary-running.png');
  if (shot) {
    await expect.poll(() => cluster.weights(), { timeout: 120_000 }).toEqual([80, 10, 10]);
    await bob.page.screenshot({ path: shot });
  }
  await expect(headerStatus(bob.page)).toHaveText('Succeeded', verdict);
  expect(await cluster.productionImage()).toBe(`goldengoose:${sha}`);
  expect(await cluster.leftovers()).toEqual([]);
  expect(await cluster.weights()).toEqual([100, 0, 0]);
  await bob.context.close();
});

test('slower push: the canary fails on the critical latency metric, production is untouched and cleaned up, the report shows the failing metric first', async ({ browser, story }) => {
  test.setTimeout(600_000);
  const { demo, cluster } = story;
  const before = await cluster.productionImage();
  const bob = await signInAsPersona(browser, demo.url, 'bob');
  const sha = await pushThroughDialog(bob.page, 'slower');
  const deploy = await deployOf(bob.page, sha);
  await openExecution(bob.page, deploy.id);
  await expect(headerStatus(bob.page)).toHaveText('Failed', verdict);
  const release = bob.page.getByRole('region', { name: 'Stage Canary release' });
  await stageButton(bob.page, 'Canary release').click();
  await expect(release.getByTestId('failure-summary')).toContainText('Request latency p99 (ms)');
  expect(await cluster.productionImage()).toBe(before);
  // Cleanup is the failed stage's cancel routine, right after the verdict.
  await expect.poll(() => cluster.leftovers(), { timeout: 60_000 }).toEqual([]);
  expect(await cluster.weights()).toEqual([100, 0, 0]);
  expect(await cluster.productionImage()).toBe(before);

  await stageButton(bob.page, 'Canary analysis').click();
  await bob.page.getByTestId('canary-stage-tab').getByRole('link', { name: 'Open the canary report' }).click();
  const report = bob.page.getByTestId('canary-report');
  await expect(report.getByTestId('score-reason')).toContainText('Request latency p99 (ms)');
  const first = report.getByTestId('metric-row').first();
  await expect(first).toHaveAttribute('data-metric', 'Request latency p99 (ms)');
  await expect(first).toContainText('High');
  const shot = docsScreenshot('story-slower-report.png');
  if (shot) await bob.page.screenshot({ path: shot });
  await bob.context.close();
});

test('borderline push: waits for a judgment that dave cannot give; a push meanwhile queues behind it; bob continues and both are promoted in turn', async ({ browser, story }) => {
  test.setTimeout(900_000);
  const { demo, cluster } = story;
  const before = await cluster.productionImage();
  const bob = await signInAsPersona(browser, demo.url, 'bob');
  const sha = await pushThroughDialog(bob.page, 'borderline');
  const deploy = await deployOf(bob.page, sha);
  await openExecution(bob.page, deploy.id);
  const judge = stageButton(bob.page, 'Judge the marginal canary');
  // Marginal, so the judgment runs (a pass would skip it, a fail would stop before it).
  await expect(judge).not.toHaveAttribute('data-status', 'NOT_STARTED', verdict);
  await expect(judge).toHaveAttribute('data-status', 'RUNNING');
  await judge.click();
  const judgment = bob.page.getByRole('region', { name: 'Stage Judge the marginal canary' });
  await expect(judgment.getByRole('button', { name: 'Continue' })).toBeVisible();
  // While a person decides, production is untouched and baseline and canary keep their share.
  expect(await cluster.productionImage()).toBe(before);
  expect(await cluster.weights()).toEqual([80, 10, 10]);
  const shot = docsScreenshot('story-judgment.png');
  if (shot) await judgment.screenshot({ path: shot });

  // A push while this Deploy runs: its Build runs at once, its Deploy queues behind this one.
  const bobPushes = await signInAsPersona(browser, demo.url, 'bob');
  const next = await pushThroughDialog(bobPushes.page, 'healthy');
  const queued = await deployOf(bobPushes.page, next);
  // Queued runs stay NOT_STARTED (as in Spinnaker) until the ones before them end; the page says why.
  await openExecution(bobPushes.page, queued.id);
  await expect(bobPushes.page.getByTestId('queued')).toHaveText('Queued: Deploy runs one execution at a time, so this one starts when the runs before it have ended.', { timeout: 60_000 });
  expect(await executionStatus(bobPushes.page, queued.id)).toBe('NOT_STARTED');
  expect(await executionStatus(bobPushes.page, deploy.id)).toBe('RUNNING');
  const queuedShot = docsScreenshot('story-queued.png');
  if (queuedShot) await bobPushes.page.screenshot({ path: queuedShot });

  // dave sees the judgment but has no button, and the server refuses him too.
  const dave = await signInAsPersona(browser, demo.url, 'dave');
  await openExecution(dave.page, deploy.id);
  await stageButton(dave.page, 'Judge the marginal canary').click();
  const daveJudgment = dave.page.getByRole('region', { name: 'Stage Judge the marginal canary' });
  await expect(daveJudgment.getByText('You cannot judge this stage.')).toBeVisible();
  await expect(daveJudgment.getByRole('button', { name: 'Continue' })).toHaveCount(0);
  const refused = await dave.page.evaluate(async (id) => {
    const execution = (await (await fetch(`/api/v1/executions/${id}`)).json()) as { stages: { id: string; name: string }[] };
    const stage = execution.stages.find((s) => s.name === 'Judge the marginal canary');
    const res = await fetch(`/api/v1/executions/${id}/stages/${stage?.id ?? ''}/judgment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ judgment: 'continue' }) });
    return res.status;
  }, deploy.id);
  expect(refused).toBe(403);
  await dave.context.close();
  expect(await executionStatus(bob.page, queued.id)).toBe('NOT_STARTED');

  await judgment.getByRole('button', { name: 'Continue' }).click();
  await expect(judgment.getByTestId('judgment-result')).toContainText('Judged by bob');
  await expect(headerStatus(bob.page)).toHaveText('Succeeded', verdict);
  expect(await cluster.productionImage()).toBe(`goldengoose:${sha}`);
  // The queued Deploy starts at once and makes its own baseline and canary, so this run's cleanup is read from its stages.
  expect(await stageStatuses(bob.page, deploy.id)).toMatchObject({ 'Restore traffic to production': 'SUCCEEDED', 'Delete baseline and canary': 'SUCCEEDED' });

  // The queued Deploy starts only now, canaries the next commit against the borderline one, and promotes it.
  await expect.poll(() => executionStatus(bob.page, queued.id), verdict).toBe('SUCCEEDED');
  expect(await cluster.productionImage()).toBe(`goldengoose:${next}`);
  expect(await cluster.leftovers()).toEqual([]);
  expect(await cluster.weights()).toEqual([100, 0, 0]);
  const runs = await deployExecutions(bob.page);
  const [judged, waited] = [deploy.id, queued.id].map((id) => runs.find((e) => e.id === id));
  // One after the other: the queued run started once the judged one had ended.
  expect(waited?.startTime ?? 0).toBeGreaterThanOrEqual(judged?.endTime ?? Number.MAX_SAFE_INTEGER);
  await bobPushes.context.close();
  await bob.context.close();
});

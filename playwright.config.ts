import { defineConfig } from '@playwright/test';

// Debian's Chromium (never a downloaded browser). The flags keep it from dialling out on this
// closed network; see ../shared/reference/toolchain.md §7.
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// `npm test` runs the story suite (its own demo world, mostly waiting on canary intervals) beside the
// rest of e2e as two runner processes: FORESAIL_E2E_PART picks one half and its report files.
const part = process.env.FORESAIL_E2E_PART || undefined;
if (part !== undefined && part !== 'story' && part !== 'rest') throw new Error(`FORESAIL_E2E_PART must be "story" or "rest", not "${part}"`);
const storySpec = '**/story.spec.ts';
const suffix = part ? `-${part}` : '';

export default defineConfig({
  testDir: 'e2e',
  testMatch: part === 'story' ? storySpec : '**/*.spec.ts',
  testIgnore: part === 'rest' ? storySpec : undefined,
  outputDir: `.foresail/test-results/e2e-artifacts${suffix}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: `.foresail/test-results/e2e${suffix}.json` }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});

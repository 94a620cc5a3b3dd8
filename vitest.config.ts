import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const alias = {
  '@': root,
  // `server-only` throws outside React's server condition; tests import server modules directly.
  'server-only': path.join(root, 'e2e/runner/server-only-stub.ts'),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'components/**/*.test.tsx', 'e2e/**/*.test.ts', 'app/**/*.test.ts', 'prisma/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.rel.test.ts', 'node_modules/**', '.foresail/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          environment: 'node',
          include: ['lib/**/*.int.test.ts', 'e2e/**/*.int.test.ts', 'app/**/*.int.test.ts', 'prisma/**/*.int.test.ts'],
          exclude: ['node_modules/**', '.foresail/**'],
          globalSetup: ['e2e/runner/postgres-global-setup.ts', 'e2e/runner/world-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'reliability',
          environment: 'node',
          include: ['e2e/reliability/**/*.rel.test.ts'],
          globalSetup: ['e2e/runner/postgres-global-setup.ts', 'e2e/runner/world-global-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

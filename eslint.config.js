import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layering (STYLE.md B1): imports flow one way. Each entry lists what a folder may NOT import;
 * `lib/errors` is importable from everywhere. Patterns match both `@/lib/x` and relative `../lib/x`.
 */
const lib = (name) => [`@/lib/${name}`, `@/lib/${name}/**`, `**/lib/${name}`, `**/lib/${name}/**`];
const prisma = ['@prisma/client', '@prisma/client/**', '@prisma/adapter-pg', '**/db/generated', '**/db/generated/**'];
const serverOnlyLib = ['db', 'engine', 'stages', 'kubernetes', 'auth', 'runtime', 'cli', 'http', 'env', 'config', 'log', 'metrics', 'canary/metrics', 'canary/service'];
const restrict = (groups, message) => ['error', { patterns: [{ group: groups, message }] }];

const boundaries = [
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        [...serverOnlyLib.flatMap(lib), ...prisma, 'server-only', 'node:*'],
        'components/ may import only lib/pipeline, lib/canary/stats and lib/errors (STYLE.md B1); read data in a server page and pass it down',
      ),
    },
  },
  {
    files: ['lib/pipeline/**/*.ts', 'lib/canary/stats/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...['db', 'engine', 'stages', 'kubernetes', 'auth', 'runtime', 'cli', 'http', 'env', 'config', 'log', 'metrics', 'canary/metrics'].flatMap(lib), ...prisma, 'server-only', 'next', 'next/**', 'node:*'],
        'lib/pipeline and lib/canary/stats are isomorphic and import only lib/errors (STYLE.md B1/B2)',
      ),
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'isomorphic modules take configuration as arguments' }],
    },
  },
  {
    files: ['lib/kubernetes/**/*.ts', 'lib/canary/**/*.ts'],
    ignores: ['lib/canary/stats/**'],
    rules: {
      'no-restricted-imports': restrict([...['db', 'engine', 'stages', 'auth', 'runtime', 'cli', 'http'].flatMap(lib), ...prisma], 'lib/kubernetes and lib/canary do not reach into the engine, stages, database or HTTP layers (STYLE.md B1)'),
    },
  },
  {
    files: ['lib/stages/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([...['engine', 'auth', 'runtime', 'cli', 'http'].flatMap(lib), ...prisma], 'stages use kubernetes, canary and pipeline; the engine calls them, not the other way round (STYLE.md B1)'),
    },
  },
  {
    files: ['lib/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([...['auth/session', 'auth/page-session', 'auth/next-auth-options', 'cli', 'http'].flatMap(lib), ...prisma], 'the engine uses stages, db and pipeline (and the pure permission checks) (STYLE.md B1)'),
    },
  },
  {
    files: ['lib/db/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([...['engine', 'stages', 'kubernetes', 'auth', 'runtime', 'cli', 'http'].flatMap(lib)], 'lib/db is the repository layer: callers import it, it imports nothing above it'),
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'lib/**/*.ts', 'components/**/*.{ts,tsx}', 'e2e/**/*.ts', 'prisma/**/*.ts'],
    ignores: ['lib/db/**', 'prisma/tools/**', 'e2e/**'],
    rules: {
      'no-restricted-imports': restrict(prisma, 'only lib/db uses Prisma (STYLE.md B3)'),
    },
  },
  {
    // Product code never imports test tooling (the world it runs lives in lib/world). Repeats the Prisma
    // rule: for one file, the last block that sets a rule wins.
    files: ['app/**/*.{ts,tsx}', 'lib/**/*.ts', 'components/**/*.{ts,tsx}', 'prisma/**/*.ts', 'proxy.ts'],
    ignores: ['lib/db/**', 'prisma/tools/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: prisma, message: 'only lib/db uses Prisma (STYLE.md B3)' },
            { group: ['@/e2e', '@/e2e/**', '**/e2e/**'], message: 'product code does not import e2e/ (tests and their tooling only); the world orchestration is in lib/world' },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['.next/**', 'node_modules/**', '.foresail/**', 'lib/db/generated/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'lib/world/cluster/go/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true, 'ts-nocheck': true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['app/**/*.tsx', 'components/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y, '@next/next': nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
    },
  },
  {
    files: ['**/*.test.ts', '**/*.int.test.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  ...boundaries,
);

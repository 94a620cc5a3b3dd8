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
/**
 * The same, also from inside lib/ (`../services/x` from lib/engine, `../../triggers/x` from lib/engine/jobs).
 * Relative patterns cannot tell depth apart: from lib/engine/jobs, `../services` (lib/engine/services.ts)
 * is refused too — import the engine's own files from its subfolders by a longer path or not at all.
 */
const libFromLib = (name) => [...lib(name), ...['..', '../..', '../../..'].flatMap((up) => [`${up}/${name}`, `${up}/${name}/**`])];
const prisma = ['@prisma/client', '@prisma/client/**', '@prisma/adapter-pg', '**/db/generated', '**/db/generated/**'];
const serverOnlyLib = ['db', 'engine', 'stages', 'kubernetes', 'auth', 'runtime', 'cli', 'http', 'env', 'config', 'log', 'metrics', 'canary/metrics', 'canary/service'];
const app = ['@/app', '@/app/**', '**/../app', '**/../app/**'];
const restrict = (groups, message) => ['error', { patterns: [{ group: groups, message }] }];
// testing.ts files are test support (shared setup imported only by tests), so they may use e2e/ tooling too.
const tests = ['**/*.test.ts', '**/*.test.tsx', '**/testing.ts'];
const e2eTooling = { group: ['@/e2e', '@/e2e/**', '**/e2e/**'], message: 'product code does not import e2e/ (tests and their tooling only); the world orchestration is in lib/world' };
/**
 * A folder's import rule as two blocks: its product files also may not import e2e/ tooling, its
 * tests may (flat config keeps only the last matching block's options, so each block lists all).
 */
const layer = ({ files, ignores = [], groups, message }) => [
  { files, ignores: [...ignores, ...tests], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: groups, message }, e2eTooling] }] } },
  { files: files.map((f) => [f, '**/*.test.{ts,tsx}']), ignores, rules: { 'no-restricted-imports': restrict(groups, message) } },
];

/** SQL is written only in lib/db (issue 15): elsewhere, call a lib/db function. */
const sqlOutsideDb = {
  files: ['app/**/*.{ts,tsx}', 'lib/**/*.ts', 'components/**/*.{ts,tsx}'],
  ignores: ['lib/db/**', '**/*.test.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      { selector: "CallExpression[callee.property.name=/^(query|\\$queryRaw|\\$executeRaw|\\$queryRawUnsafe|\\$executeRawUnsafe)$/]", message: 'only lib/db runs SQL: add a function there (lib/README.md)' },
      { selector: 'TaggedTemplateExpression[tag.property.name=/^\\$(queryRaw|executeRaw)$/]', message: 'only lib/db runs SQL: add a function there (lib/README.md)' },
    ],
  },
};

/*
 * Flat config replaces a rule's options with the last matching block's, so the Prisma rule comes
 * first and every later block lists Prisma in its own groups: each file gets exactly one list.
 */
const boundaries = [
  ...layer({
    files: ['app/**/*.{ts,tsx}', 'lib/**/*.ts', 'components/**/*.{ts,tsx}', 'prisma/**/*.ts', 'proxy.ts'],
    ignores: ['lib/db/**', 'prisma/tools/**'],
    groups: prisma,
    message: 'only lib/db uses Prisma (STYLE.md B3)',
  }),
  sqlOutsideDb,
  ...layer({
    files: ['components/**/*.{ts,tsx}'],
    groups: [...serverOnlyLib.flatMap(lib), ...prisma, 'server-only', 'node:*'],
    message: 'components/ may import only lib/pipeline, lib/canary/stats and lib/errors (STYLE.md B1); read data in a server page and pass it down',
  }),
  ...layer({
    files: ['lib/pipeline/**/*.ts', 'lib/canary/stats/**/*.ts'],
    groups: [...['db', 'engine', 'stages', 'kubernetes', 'auth', 'runtime', 'cli', 'http', 'env', 'config', 'log', 'metrics', 'canary/metrics'].flatMap(lib), ...prisma, 'server-only', 'next', 'next/**', 'node:*'],
    message: 'lib/pipeline and lib/canary/stats are isomorphic and import only lib/errors (STYLE.md B1/B2)',
  }),
  {
    files: ['lib/pipeline/**/*.ts', 'lib/canary/stats/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'isomorphic modules take configuration as arguments' }],
    },
  },
  ...layer({
    files: ['lib/kubernetes/**/*.ts', 'lib/canary/**/*.ts'],
    ignores: ['lib/canary/stats/**'],
    groups: [...['db', 'engine', 'stages', 'auth', 'runtime', 'cli', 'http'].flatMap(lib), ...prisma],
    message: 'lib/kubernetes and lib/canary do not reach into the engine, stages, database or HTTP layers (STYLE.md B1)',
  }),
  ...layer({
    files: ['lib/stages/**/*.ts'],
    // Integration tests run a stage through the real engine (start, judge, cancel), so they drive it.
    ignores: ['**/*.int.test.ts'],
    groups: [...['engine', 'auth', 'runtime', 'cli', 'http'].flatMap(lib), ...prisma],
    message: 'stages use kubernetes, canary and pipeline; the engine calls them, not the other way round (STYLE.md B1)',
  }),
  ...layer({
    files: ['lib/engine/**/*.ts'],
    groups: [...['auth/session', 'auth/page-session', 'auth/next-auth-options', 'cli', 'http', 'services', 'triggers', 'runtime'].flatMap(libFromLib), ...app, ...prisma],
    message: 'the engine uses stages, db and pipeline (and the pure permission checks); web services, triggers and the app call it, never the other way round (lib/README.md)',
  }),
  {
    files: ['lib/db/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([...['engine', 'stages', 'kubernetes', 'auth', 'runtime', 'cli', 'http'].flatMap(lib)], 'lib/db is the repository layer: callers import it, it imports nothing above it'),
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

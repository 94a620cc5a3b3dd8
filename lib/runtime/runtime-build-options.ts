import type { BuildOptions } from 'esbuild';

/**
 * How the supervisor and its helpers are compiled (build-runtime.ts), and how the test that keeps the
 * supervisor's imports small compiles it: one definition, so the test sees what ships.
 */
export const runtimeBuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  conditions: ['react-server'],
  metafile: true,
  write: false,
} as const satisfies BuildOptions;

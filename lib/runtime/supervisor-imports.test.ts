import path from 'node:path';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { runtimeBuildOptions } from './runtime-build-options';

const root = path.resolve(import.meta.dirname, '..', '..');

// The supervisor runs for as long as Foresail does, so every package it loads is resident memory
// for good (zod alone was 18 MiB of its 70): it may load only what it needs to supervise.
it('the compiled supervisor imports no package but pino', async () => {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['lib/runtime/supervisor-main.ts'],
    ...runtimeBuildOptions,
    logLevel: 'silent',
    outdir: 'out',
  });
  const packages = new Set(
    Object.values(result.metafile.outputs)
      .flatMap((output) => output.imports)
      .filter((i) => i.external && !i.path.startsWith('node:'))
      .map((i) => i.path),
  );
  expect([...packages]).toEqual(['pino']);
});

/**
 * Compiles the supervisor's module graph (supervisor-main.ts, and the exit-with-parent and peer-address
 * preloads its children load) to plain JavaScript in node_modules/.cache/foresail-runtime, so the long-running
 * supervisor needs no TypeScript compiler: tsx or Node's own type stripping cost it ~17 MB each.
 * Run by launch.mjs when a source file changed (`node lib/runtime/build-runtime.ts`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { runtimeBuildOptions } from './runtime-build-options.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const outDir = path.join(root, 'node_modules', '.cache', 'foresail-runtime');

const startedAt = Date.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: { supervisor: 'lib/runtime/supervisor-main.ts', 'exit-with-parent': 'lib/runtime/exit-with-parent.ts', 'peer-address': 'lib/runtime/peer-address.ts' },
  outdir: outDir,
  outExtension: { '.js': '.mjs' },
  ...runtimeBuildOptions,
  logLevel: 'warning',
});
// Each file replaced whole (write + rename), so a supervisor starting meanwhile never reads half a file.
fs.mkdirSync(outDir, { recursive: true });
for (const file of result.outputFiles) {
  fs.writeFileSync(`${file.path}.${process.pid}.tmp`, file.contents);
  fs.renameSync(`${file.path}.${process.pid}.tmp`, file.path);
}
// What launch.mjs compares against: every project file in the graph, and when the build began.
const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/'));
fs.writeFileSync(path.join(outDir, 'inputs.json'), `${JSON.stringify({ builtAt: startedAt, inputs: [...inputs, 'package-lock.json'] })}\n`);

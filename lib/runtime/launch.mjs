// `npm start`, `npm run dev`, `npm run demo`: runs the supervisor compiled to plain JavaScript
// (build-runtime.ts), recompiling first when one of its sources changed. Plain JavaScript itself,
// so that nothing here needs a TypeScript compiler.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..', '..');
const outDir = path.join(root, 'node_modules', '.cache', 'foresail-runtime');

function isFresh() {
  try {
    const { builtAt, inputs } = JSON.parse(fs.readFileSync(path.join(outDir, 'inputs.json'), 'utf8'));
    return inputs.every((file) => fs.statSync(path.join(root, file)).mtimeMs < builtAt);
  } catch {
    return false;
  }
}

if (!isFresh()) {
  const built = spawnSync(process.execPath, [path.join(root, 'lib', 'runtime', 'build-runtime.ts')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
await import(pathToFileURL(path.join(outDir, 'supervisor.mjs')).href);

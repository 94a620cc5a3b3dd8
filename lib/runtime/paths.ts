import fs from 'node:fs';
import path from 'node:path';

// The supervisor runs either from source (tsx, `npm run foresail -- start`) or from the bundle that
// launch.mjs builds into node_modules/.cache; both find the checkout the same way.
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'lib', 'runtime'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`Cannot find the Foresail checkout above ${from}`);
  }
}

export const repoRoot = findRoot(import.meta.dirname);
const bundled = import.meta.filename.endsWith('.mjs');

export const runtimePaths = {
  nextBin: path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next'),
  workerEntry: path.join(repoRoot, 'lib', 'runtime', 'worker-main.ts'),
  prepareEntry: path.join(repoRoot, 'lib', 'runtime', 'prepare-main.ts'),
  demoWorldEntry: path.join(repoRoot, 'lib', 'runtime', 'demo-world-main.ts'),
  // Compiled beside the bundle, so the web server does not load a TypeScript compiler for it.
  exitWithParent: bundled ? path.join(import.meta.dirname, 'exit-with-parent.mjs') : path.join(repoRoot, 'lib', 'runtime', 'exit-with-parent.ts'),
  peerAddress: bundled ? path.join(import.meta.dirname, 'peer-address.mjs') : path.join(repoRoot, 'lib', 'runtime', 'peer-address.ts'),
  buildId: path.join(repoRoot, '.next', 'BUILD_ID'),
};

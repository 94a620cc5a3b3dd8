/**
 * Bundles the image entrypoint (deploy/image/entrypoint.ts, with the worker, migrations and config
 * code it imports) into one ES module, so the image needs neither tsx nor the TypeScript sources nor
 * a full node_modules beside the Next.js standalone server. Usage: tsx deploy/image/bundle.ts OUTFILE
 */
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..', '..');
const outfile = path.resolve(process.argv[2] ?? path.join(root, '.next', 'standalone', 'foresail.mjs'));

await build({
  entryPoints: [path.join(root, 'deploy', 'image', 'entrypoint.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  // `server-only` is empty under React's server condition, as when the app runs.
  conditions: ['react-server'],
  tsconfig: path.join(root, 'tsconfig.json'),
  // pg's optional native binding is never installed.
  external: ['pg-native'],
  // CommonJS dependencies call require() on Node built-ins; give the ES module one.
  banner: { js: "import { createRequire as __foresailCreateRequire } from 'node:module'; const require = __foresailCreateRequire(import.meta.url);" },
  legalComments: 'none',
  // Smaller image; identifiers are kept so stack traces in logs stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  logLevel: 'warning',
});
process.stdout.write(`bundled ${path.relative(root, outfile)}\n`);

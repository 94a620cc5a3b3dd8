/**
 * Entry of `npm start`, `npm run dev` and `npm run demo` (through launch.mjs, which compiles this
 * module graph to plain JavaScript): the long-running supervisor loads no TypeScript compiler.
 */
import { runSupervisor, type SupervisorMode } from './supervisor';

const modes: readonly SupervisorMode[] = ['start', 'dev', 'demo'];
const mode = modes.find((m) => m === process.argv[2]);
if (!mode) {
  process.stderr.write(`usage: launch.mjs ${modes.join('|')}\n`);
  process.exit(2);
}
runSupervisor(mode).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`foresail: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);

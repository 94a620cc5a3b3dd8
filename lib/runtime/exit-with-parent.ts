// Preloaded into processes the supervisor starts (node --import). If the supervisor is killed
// with SIGKILL it cannot stop its children; they notice they were orphaned and stop as if told
// to (and for good after a few seconds), so a restart does not find the port taken by a stray.
import { watchParent } from './parent-watch';

watchParent(() => {
  process.kill(process.pid, 'SIGTERM');
  setTimeout(() => process.exit(1), 7_000).unref();
});

// Preloaded into processes the supervisor starts (node --import). If the supervisor is killed
// with SIGKILL it cannot stop its children; they notice they were orphaned and exit, so a restart
// does not find the port taken by a stray server.
export {};

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
}, 1000).unref();

import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const port = z.number().int().min(1).max(65535);

/** What `startCluster` records in `<clusterDir>/state.json` so any later process can find and stop it. */
const clusterStateSchema = z.object({
  name: z.string(),
  server: z.string(),
  ports: z.object({ etcdClient: port, etcdPeer: port, apiserver: port, controllerManager: port, scheduler: port }),
  binDir: z.string(),
  processes: z.array(z.object({ name: z.string(), pid: z.number().int(), bin: z.string(), logPath: z.string() })),
  startedAt: z.string(),
  /** Seconds from spawning etcd until the cluster was usable; absent while starting. */
  startSeconds: z.number().optional(),
});
export type ClusterState = z.infer<typeof clusterStateSchema>;

export function statePath(dir: string): string {
  return path.join(dir, 'state.json');
}

export async function readState(dir: string): Promise<ClusterState | undefined> {
  let text: string;
  try {
    text = await fs.readFile(statePath(dir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = clusterStateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`Unreadable cluster state ${statePath(dir)}: ${parsed.error.message}`);
  return parsed.data;
}

export async function writeState(dir: string, state: ClusterState): Promise<void> {
  const tmp = `${statePath(dir)}.tmp-${process.pid}`;
  await fs.writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await fs.rename(tmp, statePath(dir));
}

export async function removeState(dir: string): Promise<void> {
  await fs.rm(statePath(dir), { force: true });
}

import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { profileNameSchema, type ProfileName } from './profiles';

/**
 * The demo's "repository": which profile each pushed commit has. "Push a change" records the commit
 * before it sends the push; the traffic simulator reads it to decide how pods running that commit's
 * image (`goldengoose:<short sha>`) behave. One small JSON file under the data folder, shared by the
 * web process that writes it and the world runner that reads it.
 */

const commitSchema = z.strictObject({
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  profile: profileNameSchema,
  message: z.string().max(200),
  author: z.string().max(100),
  at: z.string().max(40),
});
export type DemoCommit = z.infer<typeof commitSchema>;
const fileSchema = z.strictObject({ commits: z.array(commitSchema).max(1_000) });

/** Only the newest are kept: the file stays small whatever a demo session pushes. */
const KEEP = 500;

export const commitsFile = (dataDir: string): string => path.join(path.resolve(dataDir), 'demo', 'commits.json');

export function readCommits(file: string): DemoCommit[] {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.commits : [];
  } catch {
    return [];
  }
}

/** Adds a commit (replacing one with the same sha), written whole so a reader never sees half a file. */
export function recordCommit(file: string, commit: DemoCommit): void {
  const commits = [...readCommits(file).filter((c) => c.sha !== commit.sha), commitSchema.parse(commit)].slice(-KEEP);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ commits })}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}

/**
 * The profile of an image tag: a short (or full) commit id recorded here; production's `v1` and any
 * image the demo did not build behave like a healthy build.
 */
export function profileOfTag(commits: readonly DemoCommit[], tag: string | undefined): ProfileName {
  if (!tag || !/^[0-9a-f]{7,40}$/.test(tag)) return 'healthy';
  return commits.findLast((c) => c.sha.startsWith(tag))?.profile ?? 'healthy';
}

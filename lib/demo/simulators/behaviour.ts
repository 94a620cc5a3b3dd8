import fs from 'node:fs';
import { profileOfTag, readCommits, type DemoCommit } from '../commits';
import { profiles } from '../profiles';
import type { Behaviour } from './traffic/model';

/**
 * How a pod behaves, from its image: the tag is a commit id, the demo's commit registry says which
 * profile that commit was pushed with (re-read when the file changes), and the profile gives the
 * numbers. Images the demo did not build (production's v1) behave as healthy.
 */
export function behaviourFromCommits(file: string): (image: string) => Behaviour {
  let seen = -1;
  let commits: DemoCommit[] = [];
  return (image) => {
    const mtime = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (mtime !== seen) {
      commits = readCommits(file);
      seen = mtime;
    }
    const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : undefined;
    const { latency, errors, saturation } = profiles[profileOfTag(commits, tag)];
    return { latency, errors, saturation };
  };
}

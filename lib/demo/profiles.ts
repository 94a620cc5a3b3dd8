import { z } from 'zod';

/**
 * How a build of goldengoose behaves under the simulated traffic (lib/demo/simulators/traffic): a
 * pushed commit chooses one, and every pod running that commit's image behaves so. Isomorphic: the
 * push dialog lists them, the simulator applies them.
 */
export const profileNames = ['healthy', 'slower', 'erroring', 'borderline'] as const;
export const profileNameSchema = z.enum(profileNames);
export type ProfileName = z.infer<typeof profileNameSchema>;

export interface Profile {
  name: ProfileName;
  title: string;
  /** What happens to the canary, in one sentence. */
  description: string;
  /** The commit message the demo push uses. */
  commitMessage: string;
  /** Multiplies every request's latency (so p99 too). */
  latency: number;
  /** Multiplies the share of 5xx answers. */
  errors: number;
  /** Multiplies CPU and memory per pod (the saturation group). */
  saturation: number;
}

export const profiles: Record<ProfileName, Profile> = {
  healthy: {
    name: 'healthy',
    title: 'Healthy',
    description: 'Behaves like production: the canary passes and is promoted.',
    commitMessage: 'Tidy up the checkout handler',
    latency: 1,
    errors: 1,
    saturation: 1,
  },
  slower: {
    name: 'slower',
    title: 'Slower',
    description: 'Every request takes 30 % longer (p99 latency +30 %): fails on the critical latency metric.',
    commitMessage: 'Fetch recommendations synchronously on every request',
    latency: 1.3,
    errors: 1,
    saturation: 1,
  },
  erroring: {
    name: 'erroring',
    title: 'Erroring',
    description: 'Twice as many 5xx answers: fails on the critical error-rate metric.',
    commitMessage: 'Retry payment calls without a timeout',
    latency: 1,
    errors: 2,
    saturation: 1,
  },
  borderline: {
    name: 'borderline',
    title: 'Borderline',
    description: 'CPU and memory 25 % higher, nothing else: only the non-critical saturation group is worse, so the score is marginal and a release manager decides.',
    commitMessage: 'Cache rendered pages in memory',
    latency: 1,
    errors: 1,
    saturation: 1.25,
  },
};

import { z } from 'zod';

/** What Foresail keeps in the session cookie (encrypted and authenticated by next-auth's JWE). */
export const sessionClaimsSchema = z.object({
  /** The person's name in Foresail: their directory name (found by GitHub id), or their GitHub login in login-binding mode. */
  login: z.string().min(1),
  /** Their GitHub account's numeric id, which binds the session to them; absent for demo sessions and sessions from before id binding. */
  githubId: z.number().int().positive().optional(),
  /** Their GitHub login when they signed in (shown only; it can change). */
  githubLogin: z.string().optional(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  /** Directory groups as of groupsAt (ms); re-read when older than the directory's refresh interval. */
  groups: z.array(z.string()),
  groupsAt: z.number(),
  /** When the person signed in (ms); bounds the session's total lifetime. */
  sessionStart: z.number(),
  /** Signed in as a demo person (demo mode only), by name rather than through GitHub. */
  demo: z.boolean().optional(),
  iat: z.number(),
  exp: z.number(),
});

export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

import { z } from 'zod';

/** What Foresail keeps in the session cookie (encrypted and authenticated by next-auth's JWE). */
export const sessionClaimsSchema = z.object({
  login: z.string().min(1),
  name: z.string().nullish(),
  email: z.string().nullish(),
  /** LDAP groups as of groupsAt (ms); re-read when older than auth.ldap.refreshSeconds. */
  groups: z.array(z.string()),
  groupsAt: z.number(),
  /** When the person signed in (ms); bounds the session's total lifetime. */
  sessionStart: z.number(),
  demo: z.boolean().optional(),
  iat: z.number(),
  exp: z.number(),
});

export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

export const demoLogin = 'demo';

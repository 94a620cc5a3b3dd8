import { z } from 'zod';

export const createTokenSchema = z.strictObject({
  name: z.string().trim().min(1, 'give the token a name, e.g. "ci-deploy"').max(80).regex(/^[\w .@-]+$/, 'letters, digits, spaces and . _ @ - only'),
  /** A subset of the creator's roles. */
  roles: z.array(z.string().min(1)).min(1, 'choose at least one role').max(50),
  expiresInDays: z.number().int().min(1).max(3650),
});

export type CreateTokenInput = z.infer<typeof createTokenSchema>;

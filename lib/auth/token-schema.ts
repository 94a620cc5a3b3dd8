import { z } from 'zod';

export const createTokenSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1, 'give the token a name, e.g. "ci-deploy"')
      .max(80)
      .regex(/^[\w .@-]+$/, 'letters, digits, spaces and . _ @ - only')
      .meta({ description: 'a name for the token: letters, digits, spaces and . _ @ -', examples: ['ci-deploy'] }),
    /** A subset of the creator's roles; left out, the token holds all of them. */
    roles: z
      .array(z.string().min(1).meta({ description: 'a role name', examples: ['release-managers'] }))
      .min(1, 'choose at least one role, or leave roles out to give the token all your roles')
      .max(50)
      .optional()
      .meta({ description: 'a list of role names you hold (left out: all your roles)', examples: [['release-managers']] }),
    expiresInDays: z.number().int().min(1).max(3650).meta({ description: 'how many days the token is valid, a whole number from 1 to 3650', examples: [90] }),
  })
  .meta({ description: 'a token: {name, roles?, expiresInDays}', examples: [{ name: 'ci-deploy', roles: ['release-managers'], expiresInDays: 90 }] });

export type CreateTokenInput = z.infer<typeof createTokenSchema>;

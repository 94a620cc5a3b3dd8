import { z } from 'zod';

/**
 * One person of the static directory (`auth.staticDirectory.users[]`): the configuration itself says
 * who someone is and which groups they are in. No ":" in names, so a listed person can never be
 * mistaken for an unlisted GitHub user (those are named `github:<id>`).
 */
export const staticDirectoryUserSchema = z.strictObject({
  /** The person's name in Foresail: shown, and recorded as the owner of API tokens and the actor in the audit log. */
  login: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/, 'must be a name such as alice or j.doe (letters, digits, dots, dashes, underscores and @; at most 100)'),
  /** Their GitHub account's numeric id (https://api.github.com/users/<login> shows it as `id`): GitHub sign-in finds them by it. */
  githubId: z.number().int().positive().optional(),
  /** Display name. */
  name: z.string().trim().min(1).max(200).optional(),
  /** Their groups, i.e. their roles (renamed by auth.roles.mapping, like LDAP groups). */
  groups: z.array(z.string().trim().min(1).max(200)).default([]),
});

export const staticDirectoryConfigSchema = z
  .strictObject({
    users: z.array(staticDirectoryUserSchema).default([]),
  })
  .superRefine(({ users }, ctx) => {
    const logins = new Map<string, number>();
    const ids = new Map<number, string>();
    users.forEach((user, index) => {
      const first = logins.get(user.login);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['users', index, 'login'], message: `${user.login} is listed twice (also users[${first}]); list each person once` });
      } else logins.set(user.login, index);
      if (user.githubId === undefined) return;
      const owner = ids.get(user.githubId);
      if (owner !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['users', index, 'githubId'], message: `${user.githubId} is already ${owner}'s GitHub account; a GitHub account belongs to one person` });
      } else ids.set(user.githubId, user.login);
    });
  });

export type StaticDirectoryUser = z.infer<typeof staticDirectoryUserSchema>;
export type StaticDirectoryConfig = z.infer<typeof staticDirectoryConfigSchema>;

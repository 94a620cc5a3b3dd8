import fs from 'node:fs';
import { z } from 'zod';

/** The remote artifact types an account can fetch (Spinnaker's artifact account kinds). */
export const artifactAccountTypes = ['http/file', 'github/file', 'git/repo'] as const;
export type ArtifactAccountType = (typeof artifactAccountTypes)[number];

const httpUrl = z.string().refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http:// or https:// URL');

/**
 * One artifact account (Spinnaker's `artifacts.github|http|gitrepo.accounts`). Credentials are a
 * token (GitHub, or a git host's token) or a username with a password, inline (write `${ENV_VAR}` to
 * read the environment) or in a file read at each use. Secret keys are named token/password, so
 * redactConfig masks them; they go only into the request that fetches the artifact.
 */
export const artifactAccountSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, starting with a letter'),
    type: z.enum(artifactAccountTypes),
    /**
     * The URLs the account fetches must start with it, so its credentials go nowhere else. For
     * github/file the API base URL (GitHub Enterprise: https://HOST/api/v3; default https://api.github.com).
     */
    baseUrl: httpUrl.optional(),
    token: z.string().min(1).optional(),
    tokenFile: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    passwordFile: z.string().min(1).optional(),
  })
  .superRefine((account, ctx) => {
    if (account.token && account.tokenFile) ctx.addIssue({ code: 'custom', path: ['token'], message: 'set token or tokenFile, not both' });
    if (account.password && account.passwordFile) ctx.addIssue({ code: 'custom', path: ['password'], message: 'set password or passwordFile, not both' });
    const hasToken = Boolean(account.token || account.tokenFile);
    const hasPassword = Boolean(account.password || account.passwordFile);
    if (hasPassword && !account.username) ctx.addIssue({ code: 'custom', path: ['username'], message: 'is required with a password' });
    if (account.username && !hasPassword && !hasToken) ctx.addIssue({ code: 'custom', path: ['password'], message: 'is required with a username (or passwordFile, or a token)' });
    if (hasToken && hasPassword) ctx.addIssue({ code: 'custom', path: ['token'], message: 'set a token or a username and password, not both' });
    for (const key of ['tokenFile', 'passwordFile'] as const) {
      const file = account[key];
      if (file && !fs.existsSync(file)) ctx.addIssue({ code: 'custom', path: [key], message: `file not found: ${file}` });
    }
  });

export const artifactsConfigSchema = z
  .strictObject({
    accounts: z.array(artifactAccountSchema).default([]),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.accounts.forEach((account, i) => {
      if (seen.has(account.name)) ctx.addIssue({ code: 'custom', path: ['accounts', i, 'name'], message: `duplicate artifact account name ${account.name}` });
      seen.add(account.name);
    });
  });

export type ArtifactAccountConfig = z.infer<typeof artifactAccountSchema>;

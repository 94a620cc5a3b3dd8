import fs from 'node:fs';
import { z } from 'zod';
import { egressAllowListSchema } from './egress-schema';

/** Exactly one of the secret (write `${ENV_VAR}` in foresail.yaml to read it from the environment) or a file holding it. */
function checkSecret(value: string | undefined, file: string | undefined, key: string, ctx: z.RefinementCtx): void {
  if (Boolean(value) === Boolean(file)) ctx.addIssue({ code: 'custom', path: [key], message: `set exactly one of ${key} or ${key}File` });
  else if (file && !fs.existsSync(file)) ctx.addIssue({ code: 'custom', path: [`${key}File`], message: `file not found: ${file}` });
}

// Secret keys are named token/password so redactConfig masks them; files are read at each use, so a
// rotated (mounted) secret needs no restart.
const prometheusAuthSchema = z.discriminatedUnion('type', [
  z
    .strictObject({ type: z.literal('bearer'), token: z.string().min(1).optional(), tokenFile: z.string().min(1).optional() })
    .superRefine((auth, ctx) => checkSecret(auth.token, auth.tokenFile, 'token', ctx)),
  z
    .strictObject({ type: z.literal('basic'), username: z.string().min(1), password: z.string().min(1).optional(), passwordFile: z.string().min(1).optional() })
    .superRefine((auth, ctx) => checkSecret(auth.password, auth.passwordFile, 'password', ctx)),
]);

/** One Prometheus metrics account (Kayenta's `prometheus.accounts`), queried through the egress policy. */
export const prometheusAccountSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, starting with a letter'),
  url: z.string().refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http:// or https:// URL'),
  auth: prometheusAuthSchema.optional(),
  tls: z
    .strictObject({
      /** Accept any certificate (test setups only). */
      insecureSkipVerify: z.boolean().default(false),
      /** PEM file with the CA that signed the server certificate. */
      caFile: z
        .string()
        .min(1)
        .refine((file) => fs.existsSync(file), 'file not found')
        .optional(),
    })
    .prefault({}),
  /**
   * Roles that may use the account: preview queries, retrospective analyses, and canary stages of
   * runs by people holding one of them. None (the default) means administrators only.
   */
  permissions: z.strictObject({ READ: z.array(z.string().min(1)).default([]) }).prefault({}),
});

export const prometheusConfigSchema = z
  .strictObject({
    accounts: z.array(prometheusAccountSchema).default([]),
    /**
     * Private or loopback addresses metrics accounts may reach (their own list: entries here do not
     * let webhook stages or notifications reach the metrics store, and `egress.allow` does not apply here).
     */
    egress: z.strictObject({ allow: egressAllowListSchema }).prefault({}),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.accounts.forEach((account, i) => {
      if (seen.has(account.name)) ctx.addIssue({ code: 'custom', path: ['accounts', i, 'name'], message: `duplicate account name ${account.name}` });
      seen.add(account.name);
    });
  });

export type PrometheusAccountConfig = z.infer<typeof prometheusAccountSchema>;

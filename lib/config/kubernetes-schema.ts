import fs from 'node:fs';
import { z } from 'zod';

const roleList = z.array(z.string().min(1)).default([]);

/** One Kubernetes account: a kubeconfig context (any cluster), or the in-cluster service account. */
export const kubernetesAccountSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, starting with a letter'),
    /** Path to a kubeconfig file. Omit with inCluster: true. */
    kubeconfigFile: z.string().min(1).optional(),
    /** Context in that file; its current-context when omitted. */
    context: z.string().min(1).optional(),
    /** Use the service account Foresail runs as (when Foresail itself runs in Kubernetes). */
    inCluster: z.boolean().default(false),
    /** Namespaces Foresail may touch; empty = any the credentials allow. */
    namespaces: z.array(z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a valid namespace name')).default([]),
    /** READ: see the account and its resources; WRITE: deploy to it (Fiat: WRITE does not imply READ). */
    permissions: z.strictObject({ READ: roleList, WRITE: roleList }).prefault({}),
  })
  .superRefine((account, ctx) => {
    if (account.inCluster === Boolean(account.kubeconfigFile)) {
      ctx.addIssue({ code: 'custom', path: ['kubeconfigFile'], message: 'set either kubeconfigFile or inCluster: true' });
    } else if (account.kubeconfigFile && !fs.existsSync(account.kubeconfigFile)) {
      ctx.addIssue({ code: 'custom', path: ['kubeconfigFile'], message: `file not found: ${account.kubeconfigFile}` });
    }
  });

export const kubernetesConfigSchema = z
  .strictObject({ accounts: z.array(kubernetesAccountSchema).default([]) })
  .superRefine((k8s, ctx) => {
    const seen = new Set<string>();
    k8s.accounts.forEach((account, i) => {
      if (seen.has(account.name)) ctx.addIssue({ code: 'custom', path: ['accounts', i, 'name'], message: `duplicate account name ${account.name}` });
      seen.add(account.name);
    });
  });

export type KubernetesAccountConfig = z.infer<typeof kubernetesAccountSchema>;

import fs from 'node:fs';
import { z } from 'zod';

const roleList = z.array(z.string().min(1)).default([]);
const namespaceName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a valid namespace name');

/**
 * Pipelines and canary configs kept as Kubernetes resources in this account's cluster (README "GitOps").
 * A resource is saved only if its namespace is bound to the application it names, so Kubernetes RBAC
 * on namespaces decides who may change which application's pipelines.
 */
export const pipelineSyncSchema = z.strictObject({
  /** Namespaces to watch; the bound namespaces when omitted. */
  namespaces: z.array(namespaceName).optional(),
  bindings: z
    .array(
      z.strictObject({
        namespace: namespaceName,
        applications: z.array(z.string().min(1)).min(1, 'name at least one application'),
        /** Roles the resources of this namespace act with: the accounts their stages may name. */
        roles: roleList,
      }),
    )
    .default([]),
  /** What deleting a resource does to its pipeline. */
  onDelete: z.enum(['delete', 'disable']).default('delete'),
});

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
    namespaces: z.array(namespaceName).default([]),
    /** READ: see the account and its resources; WRITE: deploy to it (Fiat: WRITE does not imply READ). */
    permissions: z.strictObject({ READ: roleList, WRITE: roleList }).prefault({}),
    pipelineSync: pipelineSyncSchema.optional(),
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
export type PipelineSyncConfig = z.infer<typeof pipelineSyncSchema>;

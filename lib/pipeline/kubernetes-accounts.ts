import { z } from 'zod';

/**
 * Kubernetes accounts as the native API shows them, and the editor's dry-run request and verdicts.
 * Isomorphic: the routes answer with these shapes and the Settings page, pickers and dry-run panel parse them.
 */

export const accountStatusSchema = z.object({
  reachable: z.boolean(),
  /** The apiserver's gitVersion (`v1.33.1`); null when it could not be read. */
  serverVersion: z.string().nullable(),
  /** Why the cluster could not be reached, in plain words; null when reachable. */
  error: z.string().nullable(),
  checkedAt: z.string(),
});

export const accountDtoSchema = z.object({
  name: z.string(),
  type: z.literal('kubernetes'),
  /** The allow-list; empty means any namespace the credentials allow. */
  namespaces: z.array(z.string()),
  permissions: z.object({ READ: z.array(z.string()), WRITE: z.array(z.string()) }),
  /** Whether the caller may deploy to (and dry-run against) this account. */
  canWrite: z.boolean(),
  status: accountStatusSchema,
});

export const accountNamespacesSchema = z.object({
  account: z.string(),
  namespaces: z.array(z.string()),
  /** `allow-list` from configuration, or `cluster` when listed live. */
  source: z.enum(['allow-list', 'cluster']),
});

const namespaceName = z.string().max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a valid namespace name');

export const dryRunRequestSchema = z.strictObject({
  manifests: z.array(z.record(z.string(), z.unknown())).min(1, 'needs at least one manifest').max(50, 'at most 50 manifests at once'),
  /** For manifests that name no namespace (or all of them, with override). */
  namespace: namespaceName.optional(),
  /** Put every namespaced manifest in `namespace` (a deployManifest stage's namespaceOverride). */
  override: z.boolean().default(false),
});

export const dryRunChangeSchema = z.object({
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export const dryRunVerdictSchema = z.object({
  index: z.number().int(),
  /** `Deployment web in shop`, or what could be read of a broken manifest. */
  object: z.string(),
  verdict: z.enum(['ok', 'invalid', 'forbidden', 'conflict', 'failed']),
  message: z.string().nullable(),
  /** Fields the apiserver rejected (`spec.replicas`), with its words. */
  causes: z.array(z.object({ field: z.string(), message: z.string() })),
  /** For ok verdicts: whether the object exists now (`create` if not). */
  action: z.enum(['create', 'update', 'unchanged']).nullable(),
  /** Live object vs the dry-run result, bookkeeping fields left out. */
  changes: z.array(dryRunChangeSchema),
});

export const dryRunResultSchema = z.object({
  account: z.string(),
  verdicts: z.array(dryRunVerdictSchema),
});

export type AccountStatus = z.infer<typeof accountStatusSchema>;
export type AccountDto = z.infer<typeof accountDtoSchema>;
export type AccountNamespaces = z.infer<typeof accountNamespacesSchema>;
export type DryRunRequest = z.infer<typeof dryRunRequestSchema>;
export type DryRunVerdict = z.infer<typeof dryRunVerdictSchema>;
export type DryRunResult = z.infer<typeof dryRunResultSchema>;

import { z } from 'zod';

/**
 * Response shapes of the read-only Kubernetes views (a stage's resources, an application's
 * infrastructure), shared by the routes, the OpenAPI document and the browser. Isomorphic.
 */

export const liveStatusSchema = z.enum(['Current', 'InProgress', 'Failed', 'Missing', 'Unknown']);
export type LiveStatus = z.infer<typeof liveStatusSchema>;

export const objectEventSchema = z.object({
  type: z.string(),
  reason: z.string(),
  message: z.string(),
  count: z.number(),
  lastSeen: z.string().nullable(),
});

export const stageLiveResourceSchema = z.object({
  apiVersion: z.string().nullable(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().nullable(),
  status: liveStatusSchema,
  message: z.string(),
  conditions: z.array(z.object({ type: z.string(), status: z.string(), reason: z.string().optional(), message: z.string().optional() })),
  events: z.array(objectEventSchema),
});
export type StageLiveResource = z.infer<typeof stageLiveResourceSchema>;

export const stageKubernetesSchema = z.object({
  account: z.string().nullable(),
  resources: z.array(stageLiveResourceSchema),
  readAt: z.string(),
});
export type StageKubernetesDto = z.infer<typeof stageKubernetesSchema>;

export const workloadKinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'] as const;
export const workloadKindSchema = z.enum(workloadKinds);
export type WorkloadKind = z.infer<typeof workloadKindSchema>;

const readinessFields = { status: liveStatusSchema, message: z.string() };

export const podSchema = z.object({
  name: z.string(),
  phase: z.string(),
  ...readinessFields,
  images: z.array(z.string()),
  restarts: z.number().int(),
  node: z.string().nullable(),
  /** The ReplicaSet (or other controller) that owns it. */
  owner: z.string().nullable(),
});

export const replicaSetSchema = z.object({
  name: z.string(),
  revision: z.string().nullable(),
  desired: z.number().int(),
  ready: z.number().int(),
  images: z.array(z.string()),
});

export const workloadSchema = z.object({
  kind: workloadKindSchema,
  name: z.string(),
  namespace: z.string(),
  ...readinessFields,
  desired: z.number().int().nullable(),
  ready: z.number().int().nullable(),
  images: z.array(z.string()),
  createdAt: z.string().nullable(),
  replicaSets: z.array(replicaSetSchema),
  pods: z.array(podSchema),
  /** More pods exist than were listed. */
  morePods: z.boolean(),
});
export type Workload = z.infer<typeof workloadSchema>;

/** One labelled list: one kind in one account (and one namespace when the account is limited to some). */
export const workloadListSchema = z.object({
  kind: workloadKindSchema,
  namespace: z.string().nullable(),
  workloads: z.array(workloadSchema),
  /** The apiserver's token for the next page; null on the last. */
  continue: z.string().nullable(),
  error: z.string().nullable(),
});
export type WorkloadList = z.infer<typeof workloadListSchema>;

export const infrastructureSchema = z.object({
  application: z.string(),
  accounts: z.array(z.object({ name: z.string(), lists: z.array(workloadListSchema) })),
  /** Accounts left out because the caller may not READ them. */
  omittedAccounts: z.number().int(),
});
export type InfrastructureDto = z.infer<typeof infrastructureSchema>;

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Query of GET /api/v1/applications/{name}/infrastructure. `continue` pages one list, so it needs account and kind. */
export const infrastructureQuerySchema = z
  .strictObject({
    account: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'an account name').optional(),
    kind: workloadKindSchema.optional(),
    namespace: z.string().max(63).regex(dnsLabel, 'a namespace name').optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    continue: z.string().min(1).max(4_096).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.continue && !q.account) ctx.addIssue({ code: 'custom', path: ['account'], message: 'is required with continue (a continue token belongs to one list)' });
    if (q.continue && !q.kind) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'is required with continue (a continue token belongs to one list)' });
  });
export type InfrastructureQuery = z.infer<typeof infrastructureQuerySchema>;

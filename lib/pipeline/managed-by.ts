import { z } from 'zod';

/** The API group and version of Foresail's Kubernetes resources (Pipeline, CanaryConfig). */
export const GITOPS_GROUP = 'foresail.dev';
export const GITOPS_VERSION = 'v1alpha1';
export const GITOPS_API_VERSION = `${GITOPS_GROUP}/${GITOPS_VERSION}`;

/**
 * Where a pipeline kept as a Kubernetes resource comes from (README "GitOps"). The sync writes it into
 * the stored config; the API refuses edits to such pipelines and the editor shows them read-only.
 * Its pipeline id is the resource's uid, so a resync finds the same pipeline again.
 */
export const managedBySchema = z.object({
  kind: z.literal('kubernetes'),
  account: z.string(),
  namespace: z.string(),
  name: z.string(),
  uid: z.string(),
});
export type ManagedBy = z.infer<typeof managedBySchema>;

export const MANAGED_BY_KEY = 'managedBy';

export function managedByOf(config: Record<string, unknown>): ManagedBy | undefined {
  const parsed = managedBySchema.safeParse(config[MANAGED_BY_KEY]);
  return parsed.success ? parsed.data : undefined;
}

/** "Managed by Kubernetes: team-a/build" — how the browser and refusals name the source. */
export const describeManagedBy = (m: ManagedBy): string => `Kubernetes: ${m.namespace}/${m.name}`;

/** The author recorded on revisions the sync saves: `kubernetes:<namespace>/<name>`, plus the field manager that changed it. */
export const managedByAuthor = (m: Pick<ManagedBy, 'namespace' | 'name'>, manager?: string): string => `kubernetes:${m.namespace}/${m.name}${manager ? ` (${manager})` : ''}`;

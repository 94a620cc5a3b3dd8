import type { K8sObject } from './render';

/**
 * kube-score-style checks on rendered manifests (the checks kube-score names container-resources,
 * container-security-context, pod-probes, container-image-tag, pod-networkpolicy,
 * deployment-has-poddisruptionbudget). Each finding names the object and container.
 */
interface Container {
  name: string;
  image?: string;
  resources?: { requests?: { cpu?: unknown; memory?: unknown }; limits?: { memory?: unknown } };
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; runAsNonRoot?: boolean; privileged?: boolean; capabilities?: { drop?: string[] } };
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type?: string } };
}
type Workload = K8sObject & { spec: { template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec } } };

const workloadKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

export function workloads(objects: K8sObject[]): Workload[] {
  return objects.filter((o): o is Workload => workloadKinds.has(o.kind));
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  selector !== undefined && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

export function scoreManifests(objects: K8sObject[]): string[] {
  const findings: string[] = [];
  const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget') as (K8sObject & { spec: { selector: { matchLabels: Record<string, string> } } })[];
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy') as (K8sObject & {
    spec: { podSelector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values: string[] }[] } };
  })[];
  for (const w of workloads(objects)) {
    const where = `${w.kind}/${w.metadata.name}`;
    const pod = w.spec.template.spec;
    const labels = w.spec.template.metadata?.labels;
    if (pod.securityContext?.runAsNonRoot !== true) findings.push(`${where}: pod securityContext.runAsNonRoot is not true`);
    if (!pod.securityContext?.runAsUser) findings.push(`${where}: pod has no non-zero runAsUser`);
    if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault') findings.push(`${where}: seccompProfile is not RuntimeDefault`);
    if (w.kind === 'Deployment' && !pdbs.some((p) => matches(p.spec.selector.matchLabels, labels))) findings.push(`${where}: no PodDisruptionBudget selects its pods`);
    const covered = policies.some(({ spec: { podSelector } }) =>
      podSelector.matchLabels
        ? matches(podSelector.matchLabels, labels)
        : (podSelector.matchExpressions ?? []).every((e) => e.operator === 'In' && e.values.includes(labels?.[e.key] ?? '')),
    );
    if (!covered) findings.push(`${where}: no NetworkPolicy selects its pods`);
    for (const c of pod.containers) {
      const at = `${where} container ${c.name}`;
      if (!c.resources?.requests?.cpu || !c.resources.requests.memory) findings.push(`${at}: no cpu and memory requests`);
      if (!c.resources?.limits?.memory) findings.push(`${at}: no memory limit`);
      if (!c.image || /:latest$/.test(c.image) || !/[:@]/.test(c.image.split('/').pop() ?? '')) findings.push(`${at}: image ${c.image ?? '(none)'} has no fixed tag or digest`);
      const sc = c.securityContext;
      if (sc?.allowPrivilegeEscalation !== false) findings.push(`${at}: allowPrivilegeEscalation is not false`);
      if (sc?.readOnlyRootFilesystem !== true) findings.push(`${at}: root filesystem is writable`);
      if (sc?.privileged === true) findings.push(`${at}: privileged`);
      if (!sc?.capabilities?.drop?.includes('ALL')) findings.push(`${at}: capabilities not dropped`);
      // A Job's container runs to completion: kube-score does not ask probes of it either.
      if (w.kind !== 'Job' && (!c.livenessProbe || !c.readinessProbe)) findings.push(`${at}: missing liveness or readiness probe`);
    }
  }
  return findings;
}

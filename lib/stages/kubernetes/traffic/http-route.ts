import type { KubeObject } from '../../../kubernetes/types';
import { asArray, asRecord, orList } from './weights-check';
import { TrafficError, type LocatedRoute, type RouterKind, type TrafficMirror, type TrafficRouter, type TrafficWeight } from './types';

const ruleName = (rule: Record<string, unknown>, index: number): string => (typeof rule.name === 'string' && rule.name ? rule.name : `#${index}`);

function locate(live: KubeObject, router: TrafficRouter): LocatedRoute {
  const rules = asArray(asRecord(live.spec).rules).map(asRecord);
  const what = `HTTPRoute ${router.name}`;
  if (rules.length === 0) throw new TrafficError(`${what} has no rules to set weights on`);
  const index = router.route ? rules.findIndex((r) => r.name === router.route) : 0;
  const rule = rules[index];
  if (!rule) throw new TrafficError(`${what} has no rule named "${router.route ?? ''}" (it has ${orList(rules.map(ruleName))})`);
  return { pointer: `/spec/rules/${index}`, label: ruleName(rule, index), rule };
}

function snapshotOf(rule: Record<string, unknown>) {
  // Gateway API: a backendRef without a weight has weight 1.
  const weights = asArray(rule.backendRefs).map((ref) => ({ destination: String(asRecord(ref).name ?? ''), weight: typeof asRecord(ref).weight === 'number' ? (asRecord(ref).weight as number) : 1 }));
  return { weights, mirror: null, fields: rule.backendRefs === undefined ? {} : { backendRefs: rule.backendRefs } };
}

async function withWeights(
  rule: Record<string, unknown>,
  weights: readonly TrafficWeight[],
  mirror: TrafficMirror | undefined,
  serviceExists: (name: string) => Promise<{ port: number } | undefined>,
): Promise<Record<string, unknown>> {
  if (mirror) throw new TrafficError('Mirroring is set on Istio VirtualServices only; remove "mirror" from the stage or use a VirtualService');
  const refs = asArray(rule.backendRefs).map(asRecord);
  const known = refs.map((ref) => String(ref.name ?? ''));
  const added: Record<string, unknown>[] = [];
  for (const { destination, weight } of weights) {
    if (known.includes(destination)) continue;
    // A Service the rule does not route to yet may join it (the canary's Service, typically).
    const service = await serviceExists(destination);
    if (!service) throw new TrafficError(`"${destination}" is neither a backend of the rule (${orList(known)}) nor a Service in the route's namespace`);
    added.push({ name: destination, port: service.port, weight });
  }
  const backendRefs = [
    ...refs.map((ref) => {
      const wanted = weights.find((w) => w.destination === ref.name);
      // Backends the stage does not name stay with weight 0 (kept, so restoring brings them back as they were).
      return { ...ref, weight: wanted?.weight ?? 0 };
    }),
    ...added,
  ];
  return { ...rule, backendRefs };
}

export const httpRoute: RouterKind = { resourceName: 'httproute.gateway.networking.k8s.io', locate, snapshotOf, withWeights, ownedFields: ['backendRefs'] };

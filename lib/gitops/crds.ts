import { z } from 'zod';
import { canaryConfigSchema } from '../canary/stats/canary-config';
import { resourcesYaml } from '../pipeline/as-resource';
import { pipelineJsonSchema } from '../pipeline/json-schema';
import { GITOPS_API_VERSION, GITOPS_GROUP, GITOPS_VERSION } from '../pipeline/managed-by';
import { toStructuralSchema, type StructuralSchema } from './structural-schema';

/**
 * The Kubernetes resources that let teams keep pipelines and canary configs in git (README "GitOps"):
 * two namespaced CRDs whose spec schemas are generated from Foresail's zod models, and a
 * ValidatingAdmissionPolicy for the cheap graph rules. `docs/gitops/foresail-crds.yaml` is this,
 * written by `npm run foresail -- crds --write` and checked by crds.test.ts.
 */
export { GITOPS_API_VERSION, GITOPS_GROUP, GITOPS_VERSION };
export const SHIPPED_CRDS_PATH = 'docs/gitops/foresail-crds.yaml';

export type KubeManifest = { apiVersion: string; kind: string; metadata: { name: string } & Record<string, unknown> } & Record<string, unknown>;

/** Keys Foresail sets itself: a resource cannot choose the pipeline's id or its history. */
const SERVER_OWNED_PIPELINE_KEYS = ['id', 'lastModifiedBy', 'updateTs'];
const SERVER_OWNED_CANARY_KEYS = ['id', 'createdTimestamp', 'updatedTimestamp', 'createdTimestampIso', 'updatedTimestampIso'];

const applicationField: StructuralSchema = {
  type: 'string',
  description: 'The Foresail application this belongs to. The sync refuses it unless the namespace is bound to the application (pipelineSync.bindings).',
  minLength: 1,
};

function specFrom(schema: StructuralSchema, serverOwned: string[], description: string): StructuralSchema {
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([key]) => !serverOwned.includes(key)));
  properties.application = applicationField;
  properties.name = { type: 'string', description: "The name in Foresail (defaults to the resource's metadata.name)." };
  return { ...schema, description, properties, required: ['application', ...(schema.required ?? []).filter((k) => k !== 'name' && k !== 'application' && k in properties)] };
}

const condition: StructuralSchema = {
  type: 'object',
  required: ['type', 'status'],
  properties: {
    type: { type: 'string', description: 'Valid or Synced.' },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    reason: { type: 'string', description: 'One word, CamelCase (Invalid, NotBound, Conflict, Synced, …).' },
    message: { type: 'string', description: 'In words: what is wrong (every validation issue with its path) or what was saved.' },
    observedGeneration: { type: 'integer' },
    lastTransitionTime: { type: 'string' },
  },
};

function statusSchema(what: string): StructuralSchema {
  return {
    type: 'object',
    description: `Written by Foresail's sync: whether the ${what} was accepted and saved.`,
    properties: {
      observedGeneration: { type: 'integer', description: 'The metadata.generation this status describes.' },
      id: { type: 'string', description: `The ${what}'s id in Foresail.` },
      revision: { type: 'integer', description: `The ${what}'s revision saved from this generation.` },
      stages: { type: 'integer', description: 'Number of stages (pipelines only).' },
      conditions: { type: 'array', items: condition, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] } as StructuralSchema,
    },
  };
}

const condColumn = (name: string, type: string) => ({ name, type: 'string', jsonPath: `.status.conditions[?(@.type=="${type}")].status` });

function crd(options: {
  kind: string;
  plural: string;
  shortNames: string[];
  spec: StructuralSchema;
  what: string;
  columns: { name: string; type: string; jsonPath: string; description?: string }[];
}): KubeManifest {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${options.plural}.${GITOPS_GROUP}`, labels: { 'app.kubernetes.io/part-of': 'foresail' } },
    spec: {
      group: GITOPS_GROUP,
      scope: 'Namespaced',
      names: { plural: options.plural, singular: options.kind.toLowerCase(), kind: options.kind, listKind: `${options.kind}List`, shortNames: options.shortNames, categories: ['foresail'] },
      versions: [
        {
          name: GITOPS_VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Application', type: 'string', jsonPath: '.spec.application' },
            ...options.columns,
            condColumn('Valid', 'Valid'),
            condColumn('Synced', 'Synced'),
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
          schema: {
            openAPIV3Schema: {
              type: 'object',
              description: `A Foresail ${options.what} kept as a Kubernetes resource: Foresail's sync saves it in the application named by spec.application.`,
              required: ['spec'],
              properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: options.spec, status: statusSchema(options.what) },
            },
          },
        },
      ],
    },
  };
}

export function pipelineCrd(): KubeManifest {
  const model = toStructuralSchema(pipelineJsonSchema());
  return crd({
    kind: 'Pipeline',
    plural: 'pipelines',
    shortNames: ['fpipe'],
    what: 'pipeline',
    spec: specFrom(model, SERVER_OWNED_PIPELINE_KEYS, 'The pipeline, in Foresail\'s (Spinnaker-compatible) pipeline model.'),
    columns: [{ name: 'Stages', type: 'integer', jsonPath: '.status.stages', description: 'Number of stages' }],
  });
}

export function canaryConfigCrd(): KubeManifest {
  const model = toStructuralSchema(z.toJSONSchema(canaryConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>);
  return crd({
    kind: 'CanaryConfig',
    plural: 'canaryconfigs',
    shortNames: ['fcanary'],
    what: 'canary config',
    spec: specFrom(model, SERVER_OWNED_CANARY_KEYS, 'The canary config (metrics, classifier, judge), in Kayenta\'s model.'),
    columns: [{ name: 'Metrics', type: 'string', jsonPath: '.spec.metrics[*].name' }],
  });
}

/** `stages` may be absent, and refIds may be written as numbers (Spinnaker exports do): compare as text. */
const STAGES = 'object.spec.stages';
const WITH_REF = `${STAGES}.filter(s, has(s.refId))`;
const REF_RULES = [
  {
    expression: `!has(object.spec.stages) || ${WITH_REF}.all(s, ${WITH_REF}.filter(t, string(t.refId) == string(s.refId)).size() == 1)`,
    messageExpression: `'stage refIds must be unique; used more than once: ' + ${WITH_REF}.filter(s, ${WITH_REF}.filter(t, string(t.refId) == string(s.refId)).size() > 1).map(s, string(s.refId)).join(', ')`,
    reason: 'Invalid',
  },
  {
    expression: `!has(object.spec.stages) || ${STAGES}.all(s, !has(s.requisiteStageRefIds) || s.requisiteStageRefIds.all(r, ${WITH_REF}.exists(t, string(t.refId) == string(r))))`,
    messageExpression: `'requisiteStageRefIds must name stages of this pipeline; unknown: ' + ${STAGES}.filter(s, has(s.requisiteStageRefIds)).map(s, s.requisiteStageRefIds.filter(r, !${WITH_REF}.exists(t, string(t.refId) == string(r))).map(r, string(r)).join(', ')).filter(x, x != '').join(', ')`,
    reason: 'Invalid',
  },
];

export function pipelineGraphPolicy(): KubeManifest[] {
  const name = `pipeline-graph.${GITOPS_GROUP}`;
  return [
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name, labels: { 'app.kubernetes.io/part-of': 'foresail' } },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: { resourceRules: [{ apiGroups: [GITOPS_GROUP], apiVersions: [GITOPS_VERSION], operations: ['CREATE', 'UPDATE'], resources: ['pipelines'] }] },
        validations: REF_RULES,
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name, labels: { 'app.kubernetes.io/part-of': 'foresail' } },
      spec: { policyName: name, validationActions: ['Deny'] },
    },
  ];
}

/** Everything `foresail crds` installs, in apply order (the CRDs before the policy that names them). */
export function gitopsManifests(): KubeManifest[] {
  return [pipelineCrd(), canaryConfigCrd(), ...pipelineGraphPolicy()];
}

/** The shipped YAML: one document per resource, stable order, no line folding (diffs stay readable). */
export function gitopsYaml(): string {
  const header = '# Foresail GitOps resources: the Pipeline and CanaryConfig CRDs and the pipeline graph policy.\n# Generated from Foresail\'s models by `npm run foresail -- crds --write`; do not edit by hand.\n';
  return header + resourcesYaml(gitopsManifests());
}

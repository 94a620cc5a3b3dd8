import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canaryConfigCrd, gitopsYaml, pipelineCrd, SHIPPED_CRDS_PATH } from './crds';
import type { StructuralSchema } from './structural-schema';

type Versions = { versions: { schema: { openAPIV3Schema: StructuralSchema }; additionalPrinterColumns: { name: string }[]; subresources: unknown }[] };
const schemaOf = (crd: ReturnType<typeof pipelineCrd>) => (crd.spec as Versions).versions[0]!.schema.openAPIV3Schema;

/** The apiserver's structural rules that a generator mistake would break (it checks more on install). */
function structuralProblems(node: StructuralSchema, at: string, out: string[]): string[] {
  const raw = node as Record<string, unknown>;
  for (const key of ['anyOf', 'oneOf', 'allOf', 'not', '$ref', 'default', 'const', 'pattern']) if (key in raw) out.push(`${at}: has ${key}`);
  if (!node.type && !node['x-kubernetes-preserve-unknown-fields'] && !node['x-kubernetes-int-or-string']) out.push(`${at}: no type`);
  if (node.properties && node.additionalProperties) out.push(`${at}: both properties and additionalProperties`);
  for (const [key, child] of Object.entries(node.properties ?? {})) structuralProblems(child, `${at}.${key}`, out);
  if (node.items) structuralProblems(node.items, `${at}[]`, out);
  if (node.additionalProperties) structuralProblems(node.additionalProperties, `${at}{}`, out);
  return out;
}

describe('GitOps CRDs', () => {
  it(`are shipped up to date in ${SHIPPED_CRDS_PATH} (regenerate: npm run foresail -- crds --write)`, () => {
    const shipped = fs.readFileSync(path.join(import.meta.dirname, '../..', SHIPPED_CRDS_PATH), 'utf8');
    expect(shipped === gitopsYaml(), `${SHIPPED_CRDS_PATH} is stale: run npm run foresail -- crds --write`).toBe(true);
  });

  it('have structural schemas', () => {
    expect(structuralProblems(schemaOf(pipelineCrd()), 'Pipeline', [])).toEqual([]);
    expect(structuralProblems(schemaOf(canaryConfigCrd()), 'CanaryConfig', [])).toEqual([]);
  });

  it('describe the pipeline model: stages of every type, unknown stage fields kept, server-owned keys left out', () => {
    const spec = schemaOf(pipelineCrd()).properties!.spec!;
    expect(spec.required).toEqual(expect.arrayContaining(['application']));
    expect(spec.properties!.id).toBeUndefined();
    const stage = spec.properties!.stages!.items!;
    expect(stage.type).toBe('object');
    expect(stage['x-kubernetes-preserve-unknown-fields']).toBe(true); // Spinnaker's stage model is open
    expect(Object.keys(stage.properties!)).toEqual(expect.arrayContaining(['refId', 'requisiteStageRefIds', 'type', 'name', 'manifests', 'canaryConfig']));
    expect(spec.properties!.stages!.type).toBe('array');
    expect(spec.properties!.triggers!.type).toBe('array');
  });

  it('describe the canary config model with its metrics', () => {
    const spec = schemaOf(canaryConfigCrd()).properties!.spec!;
    expect(spec.required).toEqual(expect.arrayContaining(['application', 'metrics']));
    expect(spec.properties!.metrics!.type).toBe('array');
  });

  it('print the application, validity and sync state, with a status subresource', () => {
    const version = (pipelineCrd().spec as Versions).versions[0]!;
    expect(version.additionalPrinterColumns.map((c) => c.name)).toEqual(['Application', 'Stages', 'Valid', 'Synced', 'Age']);
    expect(version.subresources).toEqual({ status: {} });
  });
});

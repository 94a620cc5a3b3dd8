import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HELM_MAX_OUTPUT_BYTES, helmTemplate, helmTemplateArgs } from './helm-template';

const request = { release: 'web', namespace: 'prod', overrides: { 'image.tag': '2.0.0', replicas: 3, 'labels.team': { a: 1 } }, rawOverrides: false, includeCRDs: false };

describe('helm template arguments', () => {
  it('passes the release, chart, values files in order and each override as --set-string, as Rosco does for HELM3', () => {
    expect(helmTemplateArgs(request, '/t/chart.tgz', ['/t/values-1.yaml', '/t/values-2.yaml'])).toStrictEqual([
      'template', 'web', '/t/chart.tgz', '--namespace', 'prod',
      '--values', '/t/values-1.yaml', '--values', '/t/values-2.yaml',
      '--set-string', 'image.tag=2.0.0', '--set-string', 'replicas=3', '--set-string', 'labels.team={"a":1}',
    ]);
  });

  it('uses --set with rawOverrides, and adds CRDs and the Kubernetes versions when asked', () => {
    expect(helmTemplateArgs({ ...request, namespace: undefined, overrides: { replicas: 3 }, rawOverrides: true, includeCRDs: true, apiVersions: 'monitoring.coreos.com/v1', kubeVersion: '1.35.0' }, 'c.tgz', [])).toStrictEqual([
      'template', 'web', 'c.tgz', '--include-crds', '--api-versions', 'monitoring.coreos.com/v1', '--kube-version', '1.35.0', '--set', 'replicas=3',
    ]);
  });

  // Each call's temporary folder goes under TMPDIR (os.tmpdir() reads it per call): a fresh one shows what is left behind.
  let tmpdir: string;
  let saved: string | undefined;
  beforeEach(async () => {
    saved = process.env.TMPDIR;
    tmpdir = await fs.mkdtemp(path.join(os.tmpdir(), 'helm-template-test-'));
    process.env.TMPDIR = tmpdir;
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    await fs.rm(tmpdir, { recursive: true, force: true });
  });

  it('stops a binary that writes without end at the output bound, in words, and leaves no temporary folder', async () => {
    // `yes` repeats its arguments forever (so: no --flags): a stand-in for a chart that renders more than a bake may hold.
    const result = await helmTemplate({ release: 'web', overrides: {}, rawOverrides: false, includeCRDs: false, chart: Buffer.from('x'), values: [] }, { binary: '/usr/bin/yes' });
    expect(result).toStrictEqual({ ok: false, error: `helm rendered more than ${HELM_MAX_OUTPUT_BYTES / 1024 / 1024} MiB of manifests, more than a bake may produce` });
    expect(await fs.readdir(tmpdir)).toStrictEqual([]);
  });

  it('says in words when the binary is missing', async () => {
    const result = await helmTemplate({ ...request, chart: Buffer.from(''), values: [] }, { binary: '/nonexistent/helm' });
    expect(result).toStrictEqual({ ok: false, error: 'helm could not be started: /nonexistent/helm was not found (configure bake.helmBinary, or FORESAIL_HELM_BINARY, with a Helm 3 binary)' });
    expect(await fs.readdir(tmpdir)).toStrictEqual([]);
  });
});

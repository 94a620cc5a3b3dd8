import { describe, expect, it } from 'vitest';
import { helmTemplate, helmTemplateArgs } from './helm-template';

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

  it('says in words when the binary is missing', async () => {
    const result = await helmTemplate({ ...request, chart: Buffer.from(''), values: [] }, { binary: '/nonexistent/helm' });
    expect(result).toStrictEqual({ ok: false, error: 'helm could not be started: /nonexistent/helm was not found (configure bake.helmBinary, or FORESAIL_HELM_BINARY, with a Helm 3 binary)' });
  });
});

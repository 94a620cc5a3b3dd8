import { describe, expect, it } from 'vitest';
import { bindImages, imageRepository, imagesOf } from './bind-images';

const deployment = (image: string, init?: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { template: { spec: { containers: [{ name: 'app', image }, { name: 'side', image: 'envoy:1.30' }], ...(init ? { initContainers: [{ name: 'init', image: init }] } : {}) } } },
});

describe('imageRepository', () => {
  it('strips tag and digest but keeps a registry port', () => {
    expect(imageRepository('gcr.io/acme/web:1.2')).toBe('gcr.io/acme/web');
    expect(imageRepository('gcr.io/acme/web@sha256:abc')).toBe('gcr.io/acme/web');
    expect(imageRepository('localhost:5000/web')).toBe('localhost:5000/web');
    expect(imageRepository('localhost:5000/web:2')).toBe('localhost:5000/web');
  });
});

describe('bindImages', () => {
  it('replaces images whose repository equals a docker/image artifact name, in containers and initContainers', () => {
    const artifacts = [{ type: 'docker/image', name: 'gcr.io/acme/web', reference: 'gcr.io/acme/web:2.0' }];
    const { manifests, bound } = bindImages([deployment('gcr.io/acme/web:latest', 'gcr.io/acme/web')], artifacts);
    const spec = (manifests[0]?.spec as { template: { spec: { containers: { image: string }[]; initContainers: { image: string }[] } } }).template.spec;
    expect(spec.containers.map((c) => c.image)).toEqual(['gcr.io/acme/web:2.0', 'envoy:1.30']);
    expect(spec.initContainers[0]?.image).toBe('gcr.io/acme/web:2.0');
    expect(bound).toEqual(artifacts);
  });

  it('leaves other images, other artifact types and the input untouched', () => {
    const input = [deployment('gcr.io/acme/web:1')];
    const { manifests, bound } = bindImages(input, [{ type: 'github/file', name: 'gcr.io/acme/web', reference: 'x' }, { type: 'docker/image', name: 'gcr.io/acme/webx', reference: 'y' }]);
    expect(manifests).toEqual(input);
    expect(bound).toEqual([]);
    expect(input[0]?.spec.template.spec.containers[0]?.image).toBe('gcr.io/acme/web:1');
  });

  it('prefers the first artifact of a name (required before visible)', () => {
    const { manifests } = bindImages([deployment('web')], [{ type: 'docker/image', name: 'web', reference: 'web:required' }, { type: 'docker/image', name: 'web', reference: 'web:trigger' }]);
    expect(JSON.stringify(manifests)).toContain('web:required');
  });
});

describe('imagesOf', () => {
  it('lists the image artifacts a workload runs', () => {
    expect(imagesOf(deployment('gcr.io/acme/web@sha256:abc', 'busybox'))).toEqual([
      { type: 'docker/image', name: 'gcr.io/acme/web', reference: 'gcr.io/acme/web@sha256:abc', version: 'sha256:abc' },
      { type: 'docker/image', name: 'envoy', reference: 'envoy:1.30', version: '1.30' },
      { type: 'docker/image', name: 'busybox', reference: 'busybox' },
    ]);
  });
});

import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ManagedBanner } from './managed-banner';

describe('ManagedBanner', () => {
  it('names the resource a CR-managed pipeline comes from, says how to change it, and offers its YAML', () => {
    const html = renderToStaticMarkup(<ManagedBanner managedBy={{ kind: 'kubernetes', account: 'prod', namespace: 'team-a', name: 'build', uid: 'u1' }} pipeline={{ name: 'Build', stages: [] }} />);
    expect(html).toContain('Managed by Kubernetes: team-a/build');
    expect(html).toContain('read-only here');
    expect(html).toContain('kubectl apply');
    expect(html).toContain('Copy as CR YAML');
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalLoopbackRedirect, publicBaseUrl } from './base-url';

describe('publicBaseUrl', () => {
  it('is server.baseUrl when set', () => {
    expect(publicBaseUrl({ baseUrl: 'https://foresail.example.com/', host: '0.0.0.0', port: 3000 })).toBe('https://foresail.example.com');
  });
  it('is the listening address otherwise, which is what Next.js prints', () => {
    expect(publicBaseUrl({ host: '127.0.0.1', port: 3000 })).toBe('http://127.0.0.1:3000');
    expect(publicBaseUrl({ host: '::1', port: 3000 })).toBe('http://[::1]:3000');
    expect(publicBaseUrl({ host: '0.0.0.0', port: 8080 })).toBe('http://localhost:8080');
  });
});

describe('canonicalLoopbackRedirect', () => {
  const url = new URL('http://whatever/applications/shop?tab=runs');
  it('sends another loopback name to the public one, keeping path and query', () => {
    expect(canonicalLoopbackRedirect('http://127.0.0.1:3000', url, 'localhost:3000')?.toString()).toBe('http://127.0.0.1:3000/applications/shop?tab=runs');
    expect(canonicalLoopbackRedirect('http://localhost:3000', url, '127.0.0.1:3000')?.toString()).toBe('http://localhost:3000/applications/shop?tab=runs');
    expect(canonicalLoopbackRedirect('http://127.0.0.1:3000', url, '[::1]:3000')?.toString()).toBe('http://127.0.0.1:3000/applications/shop?tab=runs');
  });
  it('leaves the public name, other ports and non-loopback setups alone', () => {
    expect(canonicalLoopbackRedirect('http://127.0.0.1:3000', url, '127.0.0.1:3000')).toBeUndefined();
    expect(canonicalLoopbackRedirect('http://127.0.0.1:3000', url, 'localhost:4000')).toBeUndefined();
    expect(canonicalLoopbackRedirect('https://foresail.example.com', url, 'localhost:3000')).toBeUndefined();
    expect(canonicalLoopbackRedirect('http://127.0.0.1:3000', url, 'foresail.internal:3000')).toBeUndefined();
    expect(canonicalLoopbackRedirect('http://127.0.0.1:3000', url, null)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { createApplicationSchema, updateApplicationSchema } from './application';

describe('application schemas', () => {
  it.each(['ab', 'checkout-service', 'a1-b2'])('accepts the name %s', (name) => {
    expect(createApplicationSchema.safeParse({ name, ownerEmail: 'team@example.com' }).success).toBe(true);
  });

  it.each(['a', 'Checkout', '1app', 'app-', 'a--b', 'has space', 'x'.repeat(41)])('refuses the name %s', (name) => {
    const result = createApplicationSchema.safeParse({ name, ownerEmail: 'team@example.com' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['name']);
  });

  it('trims, defaults and requires a real email', () => {
    const parsed = createApplicationSchema.parse({ name: ' goldengoose ', ownerEmail: ' team@example.com ' });
    expect(parsed).toEqual({ name: 'goldengoose', ownerEmail: 'team@example.com', description: '' });
    expect(createApplicationSchema.parse({ name: 'abc', ownerEmail: 'a@b.co', permissions: {} }).permissions).toEqual({ READ: [], WRITE: [], EXECUTE: [] });
    expect(createApplicationSchema.safeParse({ name: 'abc', ownerEmail: 'not-an-email' }).error?.issues[0]?.path).toEqual(['ownerEmail']);
  });

  it('refuses unknown keys instead of dropping them silently', () => {
    const result = createApplicationSchema.safeParse({ name: 'abc', ownerEmail: 'a@b.co', owner: 'x' });
    expect(result.success).toBe(false);
  });

  it('requires an update to change something', () => {
    expect(updateApplicationSchema.safeParse({}).success).toBe(false);
    expect(updateApplicationSchema.safeParse({ description: 'new' }).success).toBe(true);
  });
});

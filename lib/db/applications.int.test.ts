import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../e2e/runner/test-database';
import { ConflictError, NotFoundError } from '../errors';
import { createApplication, deleteApplication, findApplication, listApplications, updateApplication } from './applications';

describe('applications repository', () => {
  useTestDatabase();
  const base = { description: '', permissions: { READ: [], WRITE: [], EXECUTE: [] } };

  it('creates, finds, updates and deletes', async () => {
    const created = await createApplication({ ...base, name: 'checkout', ownerEmail: 'pay@example.com', permissions: { READ: ['devs'], WRITE: [], EXECUTE: [] } });
    expect(created).toMatchObject({ name: 'checkout', ownerEmail: 'pay@example.com', permissions: { READ: ['devs'], WRITE: [], EXECUTE: [] } });
    expect(await findApplication('checkout')).toEqual(created);
    const updated = await updateApplication('checkout', { description: 'Payments' });
    expect(updated.description).toBe('Payments');
    expect(updated.ownerEmail).toBe('pay@example.com');
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.updatedAt).getTime());
    await deleteApplication('checkout');
    expect(await findApplication('checkout')).toBeUndefined();
  });

  it('refuses a duplicate name with a conflict', async () => {
    await createApplication({ ...base, name: 'dup', ownerEmail: 'a@example.com' });
    await expect(createApplication({ ...base, name: 'dup', ownerEmail: 'b@example.com' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('reports unknown applications as not found', async () => {
    await expect(updateApplication('ghost', { description: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteApplication('ghost')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('searches name, description and owner case-insensitively', async () => {
    await createApplication({ ...base, name: 'search-alpha', ownerEmail: 'team-one@example.com', description: 'Handles INVOICES' });
    await createApplication({ ...base, name: 'search-beta', ownerEmail: 'Team-Two@example.com' });
    expect((await listApplications({ search: 'invoices' })).map((a) => a.name)).toEqual(['search-alpha']);
    expect((await listApplications({ search: 'team-two' })).map((a) => a.name)).toEqual(['search-beta']);
    expect((await listApplications({ search: 'SEARCH-' })).map((a) => a.name)).toEqual(['search-alpha', 'search-beta']);
  });
});

import { describe, expect, it } from 'vitest';
import { formatPath, NotFoundError } from './errors';

describe('errors', () => {
  it('formats paths the way people write them', () => {
    expect(formatPath(['stages', 3, 'requisiteStageRefIds', 0])).toBe('stages[3].requisiteStageRefIds[0]');
    expect(formatPath([])).toBe('');
  });
  it('gives domain errors their class name and status', () => {
    const err = new NotFoundError('Application x not found');
    expect(err.name).toBe('NotFoundError');
    expect(err.status).toBe(404);
  });
});

import { describe, expect, it } from 'vitest';
import { fieldErrors } from './client';

describe('fieldErrors', () => {
  it('keeps the first message per top-level field', () => {
    expect(
      fieldErrors([
        { path: 'name', message: 'too short' },
        { path: 'name', message: 'bad chars' },
        { path: 'permissions.READ[0]', message: 'bad role' },
      ]),
    ).toEqual({ name: 'too short', permissions: 'bad role' });
  });
});

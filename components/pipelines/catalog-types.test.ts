import { describe, expect, it } from 'vitest';
import { stageTypes } from '@/lib/pipeline';
import { catalogTypes, isCatalogType, typeLabel } from './catalog-types';

describe('catalog types', () => {
  it('lists the same types as the schemas, in the same order', () => {
    expect(catalogTypes).toEqual([...stageTypes]);
  });

  it('labels known and unknown types', () => {
    expect(typeLabel('wait')).toBe('Wait');
    expect(typeLabel('jenkins')).toBe('jenkins');
    expect(typeLabel('')).toBe('No type');
    expect(isCatalogType('toString')).toBe(false);
  });
});

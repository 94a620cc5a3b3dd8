import { describe, expect, it } from 'vitest';
import { emptyFilters, filtersToApiQuery, filtersToSearch, hasActiveFilters, parseListFilters } from './list-filters';

describe('executions list filters', () => {
  it('round-trips through the page URL', () => {
    const filters = { statuses: ['RUNNING', 'TERMINAL'] as const, pipelines: ['p1', 'p2'], q: 'v1.2 main', awaitingMyJudgment: true, group: 'time' as const };
    const search = filtersToSearch({ ...filters, statuses: [...filters.statuses] });
    expect(search).toBe('?statuses=RUNNING%2CTERMINAL&pipeline=p1%2Cp2&q=v1.2+main&awaitingJudgment=me&group=time');
    expect(parseListFilters(new URLSearchParams(search))).toEqual({ ...filters, statuses: ['RUNNING', 'TERMINAL'] });
  });

  it('leaves defaults out of the URL and reads an empty URL as defaults', () => {
    expect(filtersToSearch(emptyFilters)).toBe('');
    expect(parseListFilters({})).toEqual(emptyFilters);
    expect(hasActiveFilters(emptyFilters)).toBe(false);
  });

  it('drops unknown statuses, groupings and duplicate values instead of failing the page', () => {
    const parsed = parseListFilters({ statuses: 'RUNNING,bogus,RUNNING', group: 'weekly', pipeline: ['a,b', 'c'], awaitingJudgment: 'you' });
    expect(parsed).toEqual({ ...emptyFilters, statuses: ['RUNNING'], pipelines: ['a', 'b'] });
    expect(hasActiveFilters(parsed)).toBe(true);
  });

  it('builds the API query with the filters, cursor and ids but not the grouping', () => {
    const query = new URLSearchParams(filtersToApiQuery({ ...emptyFilters, statuses: ['SUCCEEDED'], group: 'none', awaitingMyJudgment: true }, { application: 'shop', cursor: 'C', ids: ['x', 'y'], limit: 25 }));
    expect(Object.fromEntries(query)).toEqual({ application: 'shop', statuses: 'SUCCEEDED', awaitingJudgment: 'me', id: 'x,y', cursor: 'C', limit: '25' });
  });
});

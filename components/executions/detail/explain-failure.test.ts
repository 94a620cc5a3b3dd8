import { describe, expect, it } from 'vitest';
import { explainFailure, readException } from './explain-failure';

const exception = (error: string, errors: string[] = []) => ({ details: { error, errors } });

describe('explainFailure', () => {
  it('is undefined for a stage that succeeded without an error', () => {
    expect(explainFailure({ status: 'SUCCEEDED', context: {} })).toBeUndefined();
    expect(explainFailure({ status: 'CANCELED', context: {} })).toBeUndefined();
  });

  it('uses the engine reason, the consequence of the status and a matching hint', () => {
    const result = explainFailure({ status: 'TERMINAL', context: { exception: exception('The webhook at hooks.example answered HTTP 503', ['Response body: down']) } });
    expect(result?.summary).toBe('The webhook at hooks.example answered HTTP 503');
    expect(result?.consequence).toMatch(/stopped the pipeline/);
    expect(result?.hint).toMatch(/internal error/);
    expect(result?.raw).toEqual(['Response body: down']);
  });

  it('tells a failed-continue stage from a terminal one', () => {
    const result = explainFailure({ status: 'FAILED_CONTINUE', context: { exception: exception('2 preconditions failed: a; b') } });
    expect(result?.consequence).toMatch(/later stages ran/);
    expect(result?.hint).toMatch(/precondition/);
    expect(result?.raw).toEqual(['2 preconditions failed: a; b']);
  });

  it('explains a judge stopping the pipeline before generic patterns', () => {
    expect(explainFailure({ status: 'TERMINAL', context: { exception: exception('Stopped by bob: not today') } })?.hint).toMatch(/judge chose Stop/);
  });

  it('falls back to a hint for the stage type when the message is the user\'s own', () => {
    expect(explainFailure({ type: 'checkPreconditions', status: 'TERMINAL', context: { exception: exception('The release checklist is not complete') } })?.hint).toMatch(/precondition did not hold/);
    expect(explainFailure({ type: 'wait', status: 'TERMINAL', context: { exception: exception('The release checklist is not complete') } })?.hint).toBeUndefined();
  });

  it('says so when a failed stage recorded nothing', () => {
    const result = explainFailure({ status: 'TERMINAL', context: {} });
    expect(result?.summary).toMatch(/without recording why/);
    expect(result?.hint).toBeUndefined();
    expect(result?.raw).toEqual([]);
  });

  it('reads an imported Orca exception with only a message', () => {
    expect(readException({ message: 'boom' })).toEqual({ error: 'boom', errors: [] });
    expect(readException('nonsense')).toEqual({ errors: [] });
    expect(readException({ details: { errors: ['first', { code: 1 }] } })).toEqual({ error: 'first', errors: ['first', '{"code":1}'] });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTemplateSyntax, evaluateCondition, evaluateObject, evaluateTemplate, type ExpressionContext } from './index';
import { testContext } from './test-context';

/** Every key and property value of the built-in prototypes an attack would aim for. */
function prototypeState(): unknown[] {
  return [Object.prototype, Array.prototype, String.prototype, Function.prototype, Number.prototype].map((proto) =>
    Reflect.ownKeys(proto).map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)?.value]),
  );
}

let before: unknown[];
beforeAll(() => {
  before = prototypeState();
});
afterAll(() => {
  expect(prototypeState()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

const ctx = testContext();

/** Runs every entry point and returns how long the slowest took; none may throw. */
function attempt(template: string, context: ExpressionContext = ctx): { value: unknown; kinds: (string | undefined)[]; messages: string[]; ms: number } {
  const start = performance.now();
  const result = evaluateTemplate(template, context);
  checkTemplateSyntax(template);
  evaluateCondition(template, context);
  evaluateObject({ [template.slice(0, 100)]: [template] }, context);
  const ms = performance.now() - start;
  return { value: result.value, kinds: result.issues.map((issue) => issue.kind), messages: result.issues.map((issue) => issue.message), ms };
}

describe('injection shapes are refused with a clear message', () => {
  it.each<[string, string]>([
    ['${constructor}', "'constructor' is not allowed as a property name"],
    ['${__proto__}', "'__proto__' is not allowed"],
    ['${prototype}', "'prototype' is not allowed"],
    ["${parameters.constructor.constructor('return process')()}", "'constructor' is not allowed"],
    ["${parameters['__proto__']}", "'__proto__' is not allowed"],
    ["${parameters['con' + 'structor']}", "'constructor' is not allowed"],
    ["${{}['constructor']}", "'constructor' is not allowed"],
    ["${''.constructor}", "'constructor' is not allowed"],
    ["${'x'.__proto__.polluted}", "'__proto__' is not allowed"],
    ["${T(java.lang.Runtime).getRuntime().exec('x')}", 'type references like T(...) are not allowed'],
    ['${T (java.lang.System).getenv()}', 'type references like T(...) are not allowed'],
    ["${new java.io.File('/')}", 'constructors (new ...) are not allowed'],
    ["${new java.lang.ProcessBuilder({'id'}).start()}", 'constructors (new ...) are not allowed'],
    ['${#this.getClass()}', 'getClass() is not allowed'],
    ["${''.getClass().forName('java.lang.Runtime')}", 'getClass() is not allowed'],
    ['${java.lang.Runtime.getRuntime()}', 'getRuntime() is not allowed'],
    ['${@environment}', 'bean references (@name) are not allowed'],
    ['${&factory}', 'bean references (@name) are not allowed'],
    ["${parameters.polluted = 'yes'}", 'assignment (=) is not allowed'],
    ["${#root.__proto__.polluted = 'yes'}", "'__proto__' is not allowed"],
    ['${{__proto__: {polluted: 1}}}', "'__proto__' is not allowed"],
    ["${{'__pro' + 'to__': {polluted: 1}}}", "'__proto__' is not allowed as a key"],
    ["${flags.get('__proto__')}", "'__proto__' is not allowed as a key"],
    ["${#fromUrl('http://169.254.169.254/')}", 'cannot fetch remote data'],
    ["${'a'.matches('(a+)+$')}", 'regular expressions are not available'],
    ["${'aaaa'.split('(a+)+$')}", 'regular expression'],
  ])('%s', (template, message) => {
    const result = attempt(template);
    expect(result.value).toBe(template);
    expect(result.messages.join(' | ')).toContain(message);
  });

  it('sees only own enumerable data: inherited names are missing keys, never functions', () => {
    for (const name of ['toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf']) {
      const result = evaluateTemplate(`\${parameters.${name}}`, ctx);
      expect(result.value).toBe(`\${parameters.${name}}`);
      expect(result.issues[0]?.kind).toBe('not-found');
    }
    expect(evaluateTemplate("${'x'.toString}", ctx).issues[0]?.message).toContain('call it as toString()');
  });

  it('drops __proto__ keys from #readJson', () => {
    const result = evaluateTemplate(`\${#readJson('{"__proto__": {"polluted": 1}, "a": 1}')}`, ctx);
    expect(result.value).toEqual({ a: 1 });
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
  });

  it('never calls getters, returns functions or reads class instances from variables', () => {
    let getterCalls = 0;
    const variables = {
      fn: () => 'ran',
      date: new Date(0),
      obj: Object.defineProperty({ plain: 1 }, 'boom', { enumerable: true, get: () => (getterCalls += 1) }),
    };
    const context = testContext({ variables });
    expect(attempt('${fn}', context).messages[0]).toBe('fn holds a function, which expressions cannot use');
    expect(attempt('${fn()}', context).messages[0]).toBe('fn() is not a known method');
    expect(attempt('${date}', context).messages[0]).toBe('date holds a value that is not plain data, which expressions cannot use');
    expect(attempt('${obj.boom}', context).kinds).toEqual(['not-found']);
    expect(attempt('${obj}', context).value).toEqual({ plain: 1 });
    expect(getterCalls).toBe(0);
  });

  it('treats a careless helper that returns Object.prototype as an empty map', () => {
    const context = testContext({ helpers: { stage: () => Object.prototype as Record<string, unknown> } });
    expect(attempt("${#stage('x')}", context).value).toEqual({});
    expect(attempt("${#stage('x')['hasOwnProperty']}", context).kinds).toEqual(['not-found']);
    expect(attempt("${#stage('x').toString()}", context).value).toBe('{}');
  });

  it('refuses a helper result that is not data', () => {
    const context = testContext({ helpers: { stage: () => (() => 1) as unknown as Record<string, unknown> } });
    expect(attempt("${#stage('x')}", context).messages[0]).toBe("#stage('x') returned something that is not plain data");
  });
});

describe('hostile sizes and shapes stop with an issue, not a throw or a hang', () => {
  const deep = (open: string, close: string, n = 10_000): string => open.repeat(n) + close.repeat(n);

  it.each<[string, string]>([
    ['10,000 (', `\${${deep('(', ')')}}`],
    ['10,000 unclosed [', `\${${'['.repeat(10_000)}}`],
    ['10,000 [ with indexes', `\${a${'[0'.repeat(5_000)}${']'.repeat(5_000)}}`],
    ['10,000 {', `\${${deep('{', '}')}}`],
    ['10,000 !', `\${${'!'.repeat(10_000)}true}`],
    ['10,000 unary minus', `\${${'- '.repeat(10_000)}1}`],
    ['a 5,000-term sum', `\${${Array(5_000).fill('1').join('+')}}`],
    ['a 5,000-long property chain', `\${a${'.b'.repeat(5_000)}}`],
    ['an elvis chain', `\${${Array(3_000).fill('a').join(' ?: ')}}`],
    ['a 10 MB string literal', `\${'${'x'.repeat(10_000_000)}'}`],
    ['a 10 MB unclosed string', `\${'${'x'.repeat(10_000_000)}`],
    ['10,001 expressions in one string', '${1}'.repeat(10_001)],
  ])('%s', (_label, template) => {
    const result = attempt(template);
    expect(result.value).toBe(template);
    expect(result.kinds).toEqual(['syntax']);
    expect(result.ms).toBeLessThan(5_000);
  });

  it('passes 10 MB of plain text around an expression through', () => {
    const text = 'x'.repeat(10_000_000);
    expect(attempt(`${text}\${replicas}`).value).toBe(`${text}3`);
  });

  const big = 'a'.repeat(500_000);
  const hugeList = Array.from({ length: 1_000_000 }, (_, i) => i);
  const loop: Record<string, unknown> = { name: 'loop' };
  loop.self = loop;
  let nested: unknown = 'bottom';
  for (let i = 0; i < 10_000; i += 1) nested = [nested];
  const hostile = testContext({ variables: { big, hugeList, loop, nested, deepJson: `${'['.repeat(100_000)}${']'.repeat(100_000)}` } });

  it.each<[string, string]>([
    ['an exponential projection', `\${${Array(6).fill('{1,2,3,4,5,6,7,8,9,10}.![').join('')}#this${']'.repeat(6)}}`],
    ['a value shared 2^25 times', `\${${Array.from({ length: 25 }).reduce<string>((e) => `{${e}}.![{#this,#this}]`, '{1,2}')}}`],
    ['doubling a string past the output limit', '${big + big + big}'],
    ['replace that multiplies text', "${big.replace('a', big)}"],
    ['a selection over a million items', '${hugeList.?[#this > 5].size()}'],
    ['a projection over a million items', '${hugeList.![#this * 2]}'],
    ['writing a million items as text', 'all: ${hugeList}'],
    ['splitting half a megabyte into characters', "${big.split('').size()}"],
    ['a cyclic variable', '${loop}'],
    ['a cyclic variable as JSON', '${#toJson(loop)}'],
    ['comparing cyclic values', '${loop == loop.self}'],
    ['10,000-deep nested data', '${nested}'],
    ['10,000-deep data as text', 'x ${nested}'],
    ['#readJson of 100,000 [', '${#readJson(deepJson)}'],
  ])('%s', (_label, template) => {
    const result = attempt(template, hostile);
    expect(result.value).toBe(template);
    expect(result.kinds).toEqual(['limit']);
    expect(result.ms).toBeLessThan(5_000);
  });

  it('walks 10,000-deep input objects without recursing past the limit', () => {
    let input: unknown = '${replicas}';
    for (let i = 0; i < 10_000; i += 1) input = { a: [input] };
    const { summary } = evaluateObject(input, ctx);
    expect(summary.map((issue) => issue.kind)).toEqual(['limit']);
  });

  it('never throws on values that are not strings', () => {
    for (const odd of [undefined, null, 42, {}, [], Symbol('x')]) {
      expect(() => evaluateTemplate(odd as unknown as string, ctx)).not.toThrow();
      expect(() => checkTemplateSyntax(odd as unknown as string)).not.toThrow();
      expect(() => evaluateCondition(odd as unknown as string, ctx)).not.toThrow();
      expect(() => evaluateObject(odd, ctx)).not.toThrow();
      expect(() => evaluateTemplate('${a}', odd as unknown as ExpressionContext)).not.toThrow();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64';
import { checkTemplateSyntax, containsExpression } from './index';

describe('checkTemplateSyntax', () => {
  it.each([
    'plain text',
    '${parameters.x}',
    "a ${trigger['tag']} b ${#toInt(parameters.n) * 2}",
    "${ {a: 1}['a'] }",
    "${ 'a}b' + \"c{\" }",
    "${#stage('Get Info').outputs.artifacts.?[type == 'docker/image'][0].reference}",
    '${a ?: b ? c : d}',
    '$ {not an expression}',
  ])('accepts %j', (template) => expect(checkTemplateSyntax(template)).toEqual([]));

  it.each<[string, number, number, string]>([
    ['x ${a', 2, 2, "'${' has no closing '}'"],
    ['${a]}', 3, 1, "']' has no matching '['"],
    ['${a(]}', 4, 1, "']' does not match the '(' at position 3"],
    ["${'abc}", 2, 1, 'this string is never closed'],
    ['${}', 2, 0, 'the expression is empty'],
    ['${1 +}', 5, 0, 'the expression ends too early: expected a value'],
    ['${a b}', 4, 1, "unexpected 'b': expected the end of the expression"],
    ['${a ~ b}', 4, 1, "unexpected character '~'"],
    ['${a\u0001}', 3, 1, 'unexpected character U+0001'],
    ['ok ${1 == 2 == 3}', 12, 2, 'comparisons cannot be chained'],
    ['${a = 1}', 4, 1, 'assignment (=) is not allowed'],
    ['${a++}', 3, 2, '++ and -- are not allowed'],
    ["${T(java.lang.Runtime).getRuntime().exec('x')}", 2, 1, 'type references like T(...) are not allowed'],
    ["${new java.io.File('/')}", 2, 3, 'constructors (new ...) are not allowed'],
    ['${@systemProperties}', 2, 1, 'bean references (@name) are not allowed'],
    ['${#this.getClass()}', 8, 8, 'getClass() is not allowed'],
    ["${name.matches('a.*')}", 7, 7, 'matches() is not supported'],
    ['${a instanceof b}', 4, 10, 'instanceof is not allowed'],
    ['${a.frobnicate()}', 4, 10, 'frobnicate() is not a known method'],
    ['${#nope(1)}', 2, 5, '#nope() is not a known function'],
    ['${#Stage(1)}', 2, 6, 'did you mean #stage?'],
    ["${#fromUrl('http://x')}", 2, 8, 'expressions cannot fetch remote data'],
    ['${#toInt(1, 2)}', 2, 12, '#toInt() takes 1 argument, not 2'],
    ['${#stage}', 2, 6, "#stage is a function: call it as #stage(...)"],
    ['${#foo}', 2, 4, 'only #this and #root exist'],
    ['${a.__proto__}', 4, 9, "'__proto__' is not allowed as a property name"],
    ["${a['constructor']}", 4, 13, "'constructor' is not allowed"],
    ['${1abc}', 2, 2, 'is not a valid number'],
  ])('%j: offset %i, length %i, %s', (template, offset, length, message) => {
    const [issue, ...rest] = checkTemplateSyntax(template);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ offset, length });
    expect(issue?.message).toContain(message);
  });

  it('reports every broken expression in a string', () => {
    expect(checkTemplateSyntax('${a.} and ${b} and ${)').map((issue) => issue.offset)).toEqual([21]);
    expect(checkTemplateSyntax('${a.} and ${b} and ${c +}').map((issue) => issue.offset)).toEqual([4, 24]);
  });

  it('bounds expression size and nesting', () => {
    expect(checkTemplateSyntax(`\${'${'x'.repeat(20_000)}'}`)[0]?.message).toContain('longer than 16384 characters');
    expect(checkTemplateSyntax(`\${${'('.repeat(100)}1${')'.repeat(100)}}`)[0]?.message).toContain('nested more than 64 levels');
    expect(checkTemplateSyntax(`\${${Array(100).fill('1').join(' + ')}}`)[0]?.message).toContain('nested more than 64 levels');
    expect(checkTemplateSyntax(`\${${'('.repeat(10)}1${')'.repeat(10)}}`, { maxDepth: 5 })[0]?.message).toContain('nested more than 5 levels');
    expect(checkTemplateSyntax('${1}'.repeat(10_001))[0]?.message).toBe('more than 10000 expressions in one string');
  });
});

describe('containsExpression', () => {
  it.each<[string, boolean]>([['${a}', true], ['x ${', true], ['$ {a}', false], ['{a}', false], ['', false]])('%j is %s', (text, expected) => {
    expect(containsExpression(text)).toBe(expected);
  });
});

describe('base64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['héllo ✓ 𝄞', 'aMOpbGxvIOKckyDwnYSe'],
  ])('%j encodes to %j and back', (text, encoded) => {
    expect(encodeBase64(text)).toBe(encoded);
    expect(decodeBase64(encoded)).toBe(text);
  });

  it.each(['Zg=', 'Z', 'Zm9v YQ==', 'Zm9v\n', 'Zm9v!', '=Zm9', 'Zg==='])('refuses %j', (encoded) => {
    expect(decodeBase64(encoded)).toBeUndefined();
  });

  it('keeps a byte-order mark and replaces invalid UTF-8, as Java does', () => {
    expect(decodeBase64('77u/YQ==')).toBe('\uFEFFa');
    expect(decodeBase64('/w==')).toBe('\uFFFD');
  });
});

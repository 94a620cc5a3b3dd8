import fc from 'fast-check';
import { FUNCTION_ARITY, KNOWN_METHOD_NAMES } from './names';

/**
 * Generators of expression text for the evaluator's property tests (fuzz.test.ts) and the R5
 * reliability fuzzer (e2e/reliability/fuzz-expressions.rel.test.ts): grammar-built templates,
 * mutations of the patterns real pipelines use, random Unicode, attempts to reach host objects,
 * and expressions built to use time or memory. Test support only: nothing in the app imports it.
 */
const names = fc.constantFrom(
  'parameters', 'trigger', 'weights', 'flags', 'replicas', 'nothing', 'new_image', 'deployedServerGroups', 'execution',
  'env', 'tag', 'type', 'name', 'key', 'value', 'status', 'missing', 'constructor', '__proto__', 'prototype', 'polluted',
  'toString', 'T', 'new', 'and', 'or', 'x',
);
const literals = fc.oneof(
  fc.constantFrom('0', '1', '-1', '2.5', '1e3', '0x1F', '10L', 'true', 'false', 'null', "''", "'a,b'", "'it''s'", '"x"', "'${x}'"),
  fc.integer({ min: -1_000, max: 1_000 }).map(String),
  fc.string({ maxLength: 8 }).map((s) => `'${s.replaceAll("'", "''")}'`),
);
const binaryOps = fc.constantFrom(
  '+', '-', '*', '/', '%', '^', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', '&&', '||', 'eq', 'ne', 'lt', 'gt', 'div', 'mod', '?:', '=',
);
const methods = fc.constantFrom(...KNOWN_METHOD_NAMES, 'getClass', 'matches', 'frobnicate');
const functions = fc.constantFrom(...FUNCTION_ARITY.keys(), 'fromUrl', 'nope');

const { expr } = fc.letrec<{ expr: string; atom: string; compound: string }>((tie) => ({
  expr: fc.oneof({ maxDepth: 4, depthSize: 'small' }, tie('atom'), tie('compound')),
  atom: fc.oneof(literals, names, fc.constantFrom('#this', '#root', '#stage', '#nope')),
  compound: fc.oneof(
    fc.tuple(tie('expr'), binaryOps, tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => `${a} ? ${b} : ${c}`),
    fc.tuple(fc.constantFrom('-', '!', 'not '), tie('expr')).map(([op, a]) => `${op}${a}`),
    tie('expr').map((a) => `(${a})`),
    fc.tuple(tie('expr'), fc.constantFrom('.', '?.'), names).map(([a, dot, name]) => `${a}${dot}${name}`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, i]) => `${a}[${i}]`),
    fc.tuple(tie('expr'), methods, fc.array(tie('expr'), { maxLength: 2 })).map(([a, m, args]) => `${a}.${m}(${args.join(', ')})`),
    fc.tuple(tie('expr'), fc.constantFrom('.?[', '.^[', '.$[', '.![', '?.?['), tie('expr')).map(([a, sel, c]) => `${a}${sel}${c}]`),
    fc.tuple(functions, fc.array(tie('expr'), { maxLength: 2 })).map(([f, args]) => `#${f}(${args.join(', ')})`),
    fc.array(tie('expr'), { maxLength: 3 }).map((items) => `{${items.join(', ')}}`),
    fc.array(fc.tuple(names, tie('expr')), { maxLength: 2 }).map((entries) => `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
  ),
}));

export const template = fc
  .array(fc.oneof({ weight: 4, arbitrary: expr.map((e) => `\${${e}}`) }, { weight: 1, arbitrary: fc.constantFrom(' ', 'text ', '-', '$', '{', '}') }), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join(''));

const PATTERNS = [
  "${#stage('Deploy')['status'].toString() == 'SUCCEEDED'}",
  "${trigger['tag']}",
  '${parameters.env}',
  '${#toInt(parameters.replicas) * 2}',
  "${#stage('Get Info').outputs.artifacts.?[type == 'docker/image'][0].reference}",
  '${deployedServerGroups[0].serverGroup}',
  '${new_image}',
  "${#judgment('Approve')}",
  "${#pipelineId('Deploy to prod')}",
  "${parameters.namespace ?: 'default'}",
  "${parameters.env == 'prod' ? 5 : 1}",
  "${parameters.regions.split(',')[1]}",
  'image ${new_image} in ${parameters.env} (${weights.![#this * 2]})',
  '${{a: 1, b: {1, 2}}.toString()} ${#toJson(flags)} ${#fromBase64(#toBase64(trigger.user))}',
];
const noise = fc.oneof(
  fc.constantFrom('$', '{', '}', '[', ']', '(', ')', "'", '"', '.', '?', '!', '#', '@', ':', ',', '\\', '=', '^', ' ', '\u0000', '\uD800', '𝄞'),
  fc.string({ minLength: 1, maxLength: 3, unit: 'binary' }),
);
const mutation = fc.record({ kind: fc.constantFrom('insert', 'delete', 'swap', 'duplicate', 'truncate'), at: fc.nat(), text: noise });
export const mutated = fc.tuple(fc.constantFrom(...PATTERNS), fc.array(mutation, { minLength: 1, maxLength: 5 })).map(([pattern, edits]) =>
  edits.reduce((s, { kind, at, text }) => {
    const i = s.length === 0 ? 0 : at % (s.length + 1);
    switch (kind) {
      case 'insert':
        return s.slice(0, i) + text + s.slice(i);
      case 'delete':
        return s.slice(0, i) + s.slice(i + 1);
      case 'swap':
        return i + 1 < s.length ? s.slice(0, i) + s.charAt(i + 1) + s.charAt(i) + s.slice(i + 2) : s;
      case 'duplicate':
        return s.slice(0, i) + s.slice(i, i + 8) + s.slice(i);
      default:
        return s.slice(0, i);
    }
  }, pattern),
);

export const unicode = fc.oneof(
  fc.string({ maxLength: 120, unit: 'binary' }),
  fc.array(fc.oneof(fc.string({ maxLength: 6, unit: 'binary' }), fc.constantFrom('${', '}', "'", '[', '{', '#', '.?[')), { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 60, unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }).map((s) => `\${${s}}`),
);


/** Names that lead to host objects in JavaScript (or Java, in Spring's SpEL). */
export const HOST_NAMES = [
  'constructor', '__proto__', 'prototype', 'process', 'globalThis', 'global', 'Function', 'require', 'import', 'eval', 'module',
  'exports', 'mainModule', 'window', 'Reflect', 'Proxy', 'caller', 'callee', 'arguments', '__defineGetter__', '__lookupGetter__',
  'getClass', 'forName', 'getRuntime', 'exec', 'Runtime', 'System', 'ProcessBuilder', 'Class', 'ClassLoader',
] as const;
const hostName = fc.constantFrom(...HOST_NAMES);
const escapeRoot = fc.constantFrom('', '#root', '#this', 'parameters', 'trigger', 'trigger.payload', "''", "'x'", '{}', '{1}', '{a: 1}', '1', 'true', "#stage('Deploy')", "#readJson('{}')", '#toJson(#root)', 'execution');
const accessor = fc.oneof(
  hostName.map((n) => `.${n}`),
  hostName.map((n) => `?.${n}`),
  hostName.map((n) => `['${n}']`),
  hostName.map((n) => `["${n}"]`),
  hostName.map((n) => `['${n.slice(0, 3)}' + '${n.slice(3)}']`),
  hostName.map((n) => `.get('${n}')`),
  hostName.map((n) => `.${n}()`),
  hostName.map((n) => `.${n}('return process')()`),
  fc.constantFrom('()', "('return this')()", '.call()', '.apply(null)', '.bind(null)()', '.toString.call()', '.valueOf()'),
);
const prefix = fc.oneof(
  fc.constant(''),
  hostName.map((n) => `T(${n})`),
  fc.constantFrom('T(java.lang.Runtime)', 'T(java.lang.System)', "T(java.lang.Class).forName('java.lang.Runtime')", 'new java.lang.ProcessBuilder', '@environment', '&bean'),
  hostName.map((n) => `new ${n}()`),
  hostName.map((n) => `#${n}`),
  hostName.map((n) => `#${n}()`),
  hostName.map((n) => `${n}('child_process')`),
  hostName.map((n) => `@${n}`),
);

/**
 * Attempts to reach host objects: a root, then 1–3 accessors and calls naming constructors,
 * prototypes, `process`, `globalThis`, `Function`, `require`, `import` and Java's reflection.
 * Every one must end in an evaluation issue, never in a value taken from the host.
 */
export const escapeAttempt = fc
  .tuple(prefix, escapeRoot, fc.array(accessor, { minLength: 1, maxLength: 3 }), fc.constantFrom('', ' text', 'pre '))
  .map(([p, root, chain, text]) => {
    const head = p || root;
    const body = chain.join('');
    const expression = head === '' && body.startsWith('.') ? body.slice(1) : `${head}${body}`;
    return text.startsWith(' ') ? `\${${expression}}${text}` : `${text}\${${expression}}`;
  });

const smallList = (n: number) => `{${Array.from({ length: n }, (_, i) => i + 1).join(', ')}}`;

/**
 * Expressions written to use time or memory: nested projections (n^depth work), repeated
 * replace() (4^k text), concatenation over long lists, copies of the whole root per element,
 * splitting and joining long text. The step and output budgets must stop each one.
 */
export const resourceBomb = fc.oneof(
  fc.record({ n: fc.integer({ min: 2, max: 30 }), depth: fc.integer({ min: 2, max: 7 }) }).map(({ n, depth }) => `\${${`${smallList(n)}.![`.repeat(depth)}#this${']'.repeat(depth)}}`),
  fc.integer({ min: 1, max: 24 }).map((k) => `\${'aaaa'${".replace('a', 'aaaa')".repeat(k)}.length()}`),
  fc.record({ n: fc.integer({ min: 10, max: 200 }), len: fc.integer({ min: 100, max: 8_000 }) }).map(({ n, len }) => `\${${smallList(n)}.![#this + '${'x'.repeat(len)}'].toString().length()}`),
  fc.integer({ min: 2, max: 200 }).map((n) => `\${${smallList(n)}.![#root]}`),
  fc.integer({ min: 2, max: 60 }).map((n) => `\${#toJson(${smallList(n)}.![#toJson(#root)])}`),
  fc.integer({ min: 100, max: 16_000 }).map((len) => `\${'${'ab'.repeat(len / 2)}'.split('').![#this + #this].size()}`),
  fc.integer({ min: 2, max: 12 }).map((k) => `\${${Array.from({ length: k }, () => `${smallList(10)}.![`).join('')}{#root, #root}${']'.repeat(k)}.size()}`),
  fc.integer({ min: 1, max: 2_000 }).map((n) => '${parameters.env}'.repeat(n)),
  fc.integer({ min: 2, max: 40 }).map((n) => `\${${Array.from({ length: n }, () => "'abcdefghij'").join(' + ')}${".concat('xyz')".repeat(n)}}`),
);

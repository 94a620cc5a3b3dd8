/**
 * Foresail's evaluator for the Spinnaker Expression Language (SpEL) subset real pipelines use
 * (shared/reference/spinnaker-model.md §4). A parser and an interpreter over plain JSON-like data:
 * isomorphic and pure, no eval, no host objects, bounded by ExpressionLimits. Nothing throws out
 * of this API; problems come back as issues.
 *
 * Templates: `${expr}` anywhere in a string, several per string, not nested. A string that is exactly
 * one `${…}` yields the typed value; in mixed text each value becomes text as Spring converts it
 * (lists join with ",", maps print Java-style `{a=1, b=[1, 2]}`). Like Orca, an expression that
 * fails or yields null stays as written (`${…}` kept, never "null" or "") and adds an issue: kind
 * `not-found` for null (Orca's INFO), `error`, `limit` or `syntax` otherwise. An unclosed `${` or
 * unbalanced brackets leave the whole string unchanged. As with Orca's allowUnknownKeys, a missing
 * map key reads as null (`parameters.nope` is null; `parameters.nope.x` is an error; `?.` avoids it),
 * and `'a' + null` is "anull" (SpEL's concatenation).
 *
 * Limits: the step and output budgets are per call (one template, one object, one condition), so a
 * stage context with many expressions shares them; see ExpressionLimits.
 *
 * Grammar:
 * - literals: 'text' and "text" (a doubled quote escapes it), 12, 1.5, 1e3, 0x1F, true, false, null;
 *   inline lists `{1, 2}` and maps `{a: 1, 'b-c': 2}`, `{}` and `{:}`
 * - root variables as bare names (trigger, parameters, execution, outputs, the stage's context
 *   keys); `#root`, `#this`; `a.b`, `a['b']`, `a[0]`, safe navigation `a?.b`, `a?.[0]`, `a?.m()`
 * - selection `list.?[cond]`, first `.^[cond]`, last `.$[cond]`, projection `.![expr]`, on lists
 *   and on maps (elements `{key, value}`); inside, bare names read the element and `#this` is it,
 *   as in SpEL, so root variables need `#root.parameters.x` there
 * - operators by SpEL precedence: `?:` (elvis: null or '' takes the fallback) and `a ? b : c`;
 *   `or ||`; `and &&`; one comparison `== != < <= > >=` or `eq ne lt le gt ge`; `+ -`
 *   (`+` with a string concatenates); `* / % div mod`; `^`; unary `- + ! not`
 * - methods (names.ts lists them), implemented here per type: strings toString length isEmpty
 *   isBlank trim toUpperCase toLowerCase contains startsWith endsWith indexOf lastIndexOf equals
 *   equalsIgnoreCase compareTo charAt substring replace split concat; numbers toString intValue
 *   longValue doubleValue floatValue equals; booleans toString booleanValue equals; lists toString
 *   size isEmpty contains get indexOf equals subList; maps toString size isEmpty containsKey
 *   containsValue get getOrDefault keySet values equals
 * - functions: #stage #stageByRefId #stageExists #judgment #judgement #pipelineId #pipelineIdOrNull
 *   #triggerResolvedArtifact #triggerResolvedArtifactByType #currentUser #toInt #toFloat #toBoolean
 *   #toJson #readJson #toBase64 #fromBase64 #alphanumerical
 *
 * Refused at parse time, so the editor flags them and nothing runs: `T(...)`, `new …`, `@bean`,
 * `&bean`, assignment, `++`/`--`, `instanceof`, `matches`, `between`, regex methods (`matches`,
 * `replaceAll`, `replaceFirst`), reflective methods (`getClass()` …), property names `__proto__`,
 * `constructor`, `prototype`, and Orca's remote-data and other unported helpers (`#fromUrl`,
 * `#readYaml`, `#currentStage`, …).
 *
 * Differences from SpEL/Orca, on purpose:
 * - A failing expression in mixed text leaves only itself unchanged; Orca leaves the whole string.
 * - Unknown functions, methods and `#variables` are syntax errors (SpEL: runtime error, or null
 *   for an unknown variable), so they are reported before a pipeline runs.
 * - Numbers are JavaScript doubles. Two whole numbers divide as Java ints (7 / 2 = 3), which also
 *   applies to 7.0 / 2 (SpEL: 3.5); there is no int overflow; numbers print as JavaScript does
 *   (2.0 prints "2", 1e21 as "1e+21"); `#toFloat` returns a double.
 * - `split()` treats its argument as literal text; a Java regex is accepted only when it is literal
 *   (`'\.'`, `'\|'`), other patterns fail instead of running. Java's trailing-empty rule is kept.
 * - A stage's `status` is a plain string, so `#stage('X').status == 'SUCCEEDED'` is true (in Orca it
 *   is an enum and only `.toString()` compares); `charAt()` returns a one-character string.
 * - A number index into a map reads the string key (`m[0]` reads "0"); SpEL finds nothing.
 * - `__proto__`, `constructor` and `prototype` are refused even where data has such a key.
 * - Variables must be plain data (objects, arrays, strings, numbers, booleans, null); reading a
 *   function, Date or class instance is an error.
 */
export { checkTemplateSyntax } from './parse-template';
export { evaluateCondition } from './evaluate-condition';
export { evaluateObject, type EvaluateObjectOptions } from './evaluate-object';
export { evaluateTemplate } from './evaluate-template';
export {
  DEFAULT_EXPRESSION_LIMITS,
  type EvaluationIssue,
  type EvaluationIssueKind,
  type ExpressionContext,
  type ExpressionHelpers,
  type ExpressionLimits,
  type SyntaxIssue,
} from './types';

/** True when the string contains `${`, the test Orca uses before evaluating a value. */
export function containsExpression(value: string): boolean {
  return typeof value === 'string' && value.includes('${');
}

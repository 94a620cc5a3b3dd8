/**
 * Fixed name tables the parser checks before anything runs, so the editor flags a typo or a refused
 * construct while the user types, and evaluation never reaches a name outside these lists.
 */

/** Property and map-key names that reach JavaScript internals; refused even when present as data keys. */
export const FORBIDDEN_PROPERTY_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** `#name(...)` functions Foresail evaluates, with their argument counts. */
export const FUNCTION_ARITY: ReadonlyMap<string, number> = new Map([
  ['stage', 1], ['stageByRefId', 1], ['stageExists', 1], ['judgment', 1], ['judgement', 1],
  ['pipelineId', 1], ['pipelineIdOrNull', 1], ['triggerResolvedArtifact', 1], ['triggerResolvedArtifactByType', 1],
  ['currentUser', 0], ['toInt', 1], ['toFloat', 1], ['toBoolean', 1], ['toJson', 1],
  ['fromBase64', 1], ['toBase64', 1], ['alphanumerical', 1], ['readJson', 1],
]);

/** Orca functions Foresail deliberately leaves out, with the reason shown to the user. */
export const UNSUPPORTED_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ...['fromUrl', 'jsonFromUrl', 'yamlFromUrl', 'propertiesFromUrl'].map((name): [string, string] => [name, 'expressions cannot fetch remote data in Foresail']),
  ['readYaml', 'use #readJson instead'],
  ...['currentStage', 'manifestLabelValue', 'deployedServerGroups', 'canaryConfigNameToId', 'cfServiceKey', 'pipelineIdInApplication', 'resolvedArtifacts', 'doNotEval'].map(
    (name): [string, string] => [name, 'it is not available in Foresail yet'],
  ),
]);

/** Methods per value type; the interpreter implements each one itself (nothing is looked up on host objects). */
export const STRING_METHODS = [
  'toString', 'length', 'isEmpty', 'isBlank', 'trim', 'toUpperCase', 'toLowerCase', 'contains', 'startsWith', 'endsWith',
  'indexOf', 'lastIndexOf', 'equals', 'equalsIgnoreCase', 'compareTo', 'charAt', 'substring', 'replace', 'split', 'concat',
] as const;
export const NUMBER_METHODS = ['toString', 'intValue', 'longValue', 'doubleValue', 'floatValue', 'equals'] as const;
export const BOOLEAN_METHODS = ['toString', 'booleanValue', 'equals'] as const;
export const LIST_METHODS = ['toString', 'size', 'isEmpty', 'contains', 'get', 'indexOf', 'equals', 'subList'] as const;
export const MAP_METHODS = [
  'toString', 'size', 'isEmpty', 'containsKey', 'containsValue', 'get', 'getOrDefault', 'keySet', 'values', 'equals',
] as const;

export const KNOWN_METHOD_NAMES: ReadonlySet<string> = new Set<string>([
  ...STRING_METHODS, ...NUMBER_METHODS, ...BOOLEAN_METHODS, ...LIST_METHODS, ...MAP_METHODS,
]);

/** Java reflection and process entry points: named so the message says "not allowed", not "unknown". */
export const DENIED_METHOD_NAMES: ReadonlySet<string> = new Set([
  'getClass', 'forName', 'getRuntime', 'exec', 'invoke', 'newInstance', 'getMethod', 'getMethods', 'getDeclaredMethod',
  'getDeclaredMethods', 'getDeclaredField', 'getField', 'getClassLoader', 'loadClass', 'getConstructor', 'wait', 'notify',
  'notifyAll', 'hashCode', 'exit', 'halt', 'start', 'getProperty', 'getenv', 'setAccessible',
]);

/** Regular-expression methods: refused because user-supplied patterns can take exponential time. */
export const REGEX_METHOD_NAMES: ReadonlySet<string> = new Set(['matches', 'replaceAll', 'replaceFirst']);

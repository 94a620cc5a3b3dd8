import type { CanaryMetricConfig } from '../stats/canary-config';

/** What a query is run for: one side (control or experiment) of one scope. */
export interface QueryScope {
  scope: string;
  location?: string | undefined;
  /** Kayenta's extendedScopeParams, e.g. `{ namespace: 'shop' }`; each becomes a `${name}` binding. */
  params?: Record<string, unknown> | undefined;
}

export class QueryTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryTemplateError';
  }
}

const PLACEHOLDER = /\$\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}/g;

function bindings(scope: QueryScope): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of Object.entries(scope.params ?? {})) {
    if (value !== null && value !== undefined && typeof value !== 'object') map.set(key, String(value));
  }
  // scope and location are Kayenta's base attributes; they win over an extended param of the same name.
  map.set('scope', scope.scope);
  if (scope.location !== undefined) map.set('location', scope.location);
  return map;
}

/**
 * Fills `${scope}`, `${location}` and `${<extended scope param>}` as Kayenta's FreeMarker-based
 * expansion does. An unknown placeholder is an error (FreeMarker refuses undefined variables), so
 * a typo never silently queries a different series. Values go in verbatim, as in Kayenta.
 */
export function fillTemplate(template: string, scope: QueryScope): string {
  const known = bindings(scope);
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = known.get(name);
    if (value === undefined) {
      throw new QueryTemplateError(`the query uses \${${name}}, which this scope does not define (defined: ${[...known.keys()].join(', ')}; add it to the stage's extendedScopeParams)`);
    }
    return value;
  });
}

/**
 * The PromQL for one metric and scope, following Kayenta's Prometheus metric store:
 * - `customInlineTemplate` ("PromQL:" prefix optional) is the whole query, placeholders filled;
 * - otherwise `metricName{labelBindings…, filter}` where the filter is `customFilterTemplate` (a name
 *   in the config's `templates`) or `customFilter`, filled the same way; `groupByFields` wraps it
 *   in `avg(…) by (…)`.
 */
export function buildPromQL(metric: CanaryMetricConfig, scope: QueryScope, templates: Record<string, string> = {}): string {
  const query = metric.query;
  if (!query) throw new QueryTemplateError(`metric "${metric.name}" has no query`);
  if (query.type !== 'prometheus') throw new QueryTemplateError(`metric "${metric.name}" uses the ${query.type} metric store; Foresail queries Prometheus only`);
  const inline = query.customInlineTemplate?.trim();
  if (inline) return fillTemplate(inline.replace(/^PromQL:\s*/i, ''), scope).trim();
  if (!query.metricName) throw new QueryTemplateError(`metric "${metric.name}" needs a metricName or a customInlineTemplate`);
  const filters = [...(query.labelBindings ?? [])];
  const templateName = query.customFilterTemplate;
  if (templateName) {
    const template = templates[templateName];
    if (template === undefined) throw new QueryTemplateError(`metric "${metric.name}" refers to the filter template "${templateName}", which the config does not define`);
    filters.push(fillTemplate(template, scope));
  } else if (query.customFilter) {
    filters.push(fillTemplate(query.customFilter, scope));
  }
  const selector = `${query.metricName}${filters.length > 0 ? `{${filters.join(',')}}` : ''}`;
  const groupBy = query.groupByFields ?? [];
  return groupBy.length > 0 ? `avg(${selector}) by (${groupBy.join(',')})` : selector;
}

import { scopeReport, type Report } from '../issues';
import type { ParameterConfig } from '../schema/parameters';

/** Names unique and present; options non-empty and holding the default; conditions name a real parameter. */
export function checkParameters(parameters: readonly ParameterConfig[], report: Report): void {
  const names = new Map<string, number>();
  parameters.forEach((parameter, i) => {
    const name = parameter.name.trim();
    if (name === '') report(['parameterConfig', i, 'name'], 'every parameter needs a name');
    else if (names.has(name)) report(['parameterConfig', i, 'name'], `parameter "${name}" is already defined at parameterConfig[${names.get(name)}]`);
    else names.set(name, i);
  });
  parameters.forEach((parameter, i) => {
    const at = scopeReport(report, ['parameterConfig', i]);
    if (parameter.hasOptions === true) {
      const values = (parameter.options ?? []).map((option) => option.value);
      if (values.length === 0) at(['options'], 'needs at least one option (hasOptions is on)');
      const seen = new Set<string>();
      values.forEach((value, j) => {
        if (seen.has(value)) at(['options', j, 'value'], `"${value}" is listed twice`, 'warning');
        seen.add(value);
      });
      const fallback = parameter.default;
      if (fallback !== undefined && fallback !== '' && values.length > 0 && !seen.has(fallback)) {
        at(['default'], `the default "${fallback}" is not one of the options`);
      }
    }
    const other = parameter.condition?.parameter;
    if (other !== undefined && other !== '') {
      if (!names.has(other)) at(['condition', 'parameter'], `refers to parameter "${other}", which is not defined`);
      else if (other === parameter.name) at(['condition', 'parameter'], 'a parameter cannot depend on itself');
    }
  });
}

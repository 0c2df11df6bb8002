import { formatAttributePath, type Filter, type FilterValue } from './ast';

function formatValue(value: FilterValue): string {
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  return JSON.stringify(value);
}

function format(filter: Filter, parentPrecedence: number): string {
  switch (filter.type) {
    case 'compare':
      return `${formatAttributePath(filter.path)} ${filter.op} ${formatValue(filter.value)}`;
    case 'present':
      return `${formatAttributePath(filter.path)} pr`;
    case 'not':
      return `not (${format(filter.filter, 0)})`;
    case 'valuePath':
      return `${formatAttributePath(filter.path)}[${format(filter.filter, 0)}]`;
    case 'and':
    case 'or': {
      // or = 1, and = 2; the right operand of a left-associative chain needs parentheses at equal precedence
      const precedence = filter.type === 'or' ? 1 : 2;
      const text = `${format(filter.left, precedence)} ${filter.type} ${format(filter.right, precedence + 1)}`;
      return precedence < parentPrecedence ? `(${text})` : text;
    }
  }
}

/**
 * Canonical filter text: lower-case operators, JSON-quoted strings, single spaces, and only the
 * parentheses the tree needs. `parseFilter(formatFilter(ast))` deep-equals `ast`.
 */
export function formatFilter(filter: Filter): string {
  return format(filter, 0);
}

import { formatAttributePath, type Filter, type FilterValue } from './ast';

function formatValue(value: FilterValue): string {
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  return JSON.stringify(value);
}

/** Text to emit, or a node to format under a parent of the given precedence (or = 1, and = 2). */
type Work = string | { filter: Filter; parent: number };

/**
 * Canonical filter text: lower-case operators, JSON-quoted strings, single spaces, and only the
 * parentheses the tree needs. `parseFilter(formatFilter(ast))` deep-equals `ast`. Works off an explicit
 * stack, so a chain of any length (a tree as deep as the chain is long) prints without recursion.
 */
export function formatFilter(filter: Filter): string {
  const out: string[] = [];
  const stack: Work[] = [{ filter, parent: 0 }];
  while (stack.length > 0) {
    const work = stack.pop()!;
    if (typeof work === 'string') {
      out.push(work);
      continue;
    }
    const node = work.filter;
    switch (node.type) {
      case 'compare':
        out.push(`${formatAttributePath(node.path)} ${node.op} ${formatValue(node.value)}`);
        break;
      case 'present':
        out.push(`${formatAttributePath(node.path)} pr`);
        break;
      case 'not':
        out.push('not (');
        stack.push(')', { filter: node.filter, parent: 0 });
        break;
      case 'valuePath':
        out.push(`${formatAttributePath(node.path)}[`);
        stack.push(']', { filter: node.filter, parent: 0 });
        break;
      case 'and':
      case 'or': {
        // the right operand of a left-associative chain needs parentheses at equal precedence
        const precedence = node.type === 'or' ? 1 : 2;
        const grouped = precedence < work.parent;
        if (grouped) {
          out.push('(');
          stack.push(')');
        }
        stack.push({ filter: node.right, parent: precedence + 1 }, ` ${node.type} `, { filter: node.left, parent: precedence });
        break;
      }
    }
  }
  return out.join('');
}

import { attributeSegments } from './attribute-paths';

export interface FilterComparison {
  /** attribute segments, with the enclosing `attr[…]` prefixes applied */
  segments: string[];
  value: string;
}

const TOKEN = /("(?:[^"\\]|\\.)*")|(\[)|(\])|([A-Za-z_$][\w$:.-]*)/g;
const OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le']);

function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

/**
 * The `attrPath op "value"` comparisons of a SCIM filter or PATCH path, leniently: enough to
 * know which attribute each quoted value is compared with (`emails[type eq "work" and value
 * eq "a@b.c"]` gives `emails.type` = work and `emails.value` = a@b.c). Malformed text gives
 * what it can, never an error.
 */
export function filterComparisons(text: string): FilterComparison[] {
  const out: FilterComparison[] = [];
  const prefixes: string[][] = [];
  const tokens = [...text.matchAll(TOKEN)];
  for (let i = 0; i < tokens.length; i++) {
    const [, quoted, open, close] = tokens[i]!;
    if (open) {
      const before = tokens[i - 1]?.[4];
      prefixes.push(before ? attributeSegments(before) : []);
    } else if (close) {
      prefixes.pop();
    } else if (quoted && i >= 2) {
      const operator = tokens[i - 1]?.[4];
      const attribute = tokens[i - 2]?.[4];
      if (!operator || !attribute || !OPERATORS.has(operator.toLowerCase())) continue;
      out.push({ segments: [...prefixes.flat(), ...attributeSegments(attribute)], value: unquote(quoted) });
    }
  }
  return out;
}

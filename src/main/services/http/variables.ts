import type { ValidationIssue } from '@shared/api/errors';

/** A string split at its `{{name}}` placeholders: text at even indexes, names at odd ones. */
type Template = readonly string[];

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;
const CACHE_LIMIT = 2000;

/**
 * Resolves `{{name}}` placeholders. Templates are compiled once and cached (the same URL and
 * headers are sent again and again); strings without `{{` skip all of it.
 */
export class VariableResolver {
  private readonly cache = new Map<string, Template>();

  /** Resolves `text`; unknown names are added to `missing` (with where they were) and left as they are. */
  resolve(text: string, values: Readonly<Record<string, string>>, where: string, missing: ValidationIssue[]): string {
    if (!text.includes('{{')) return text;
    const template = this.compile(text);
    if (template.length === 1) return text;
    let out = template[0]!;
    for (let i = 1; i < template.length; i += 2) {
      const name = template[i]!;
      const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
      if (value === undefined) {
        missing.push({ path: where, message: `unresolved variable {{${name}}}` });
        out += `{{${name}}}`;
      } else {
        out += value;
      }
      out += template[i + 1]!;
    }
    return out;
  }

  private compile(text: string): Template {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const parts: string[] = [];
    let last = 0;
    for (const match of text.matchAll(PLACEHOLDER)) {
      parts.push(text.slice(last, match.index), match[1]!);
      last = match.index + match[0].length;
    }
    parts.push(text.slice(last));
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(text, parts);
    return parts;
  }
}

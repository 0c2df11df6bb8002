import { parseFilter, parseFilterWithDeviations, ScimFilterError, type FilterDeviation, type ParseFilterOptions } from '@shared/scim';
import { adoptIds } from './reconcile';
import { StructureScanner, type Span } from './text-structure';
import { emptyGroup, type GroupNode } from './tree';

export type ParsedText =
  | {
      ok: true;
      tree: GroupNode;
      /** where each condition's attribute path (and each value filter's attribute) is in the text */
      spans: Map<string, Span>;
      /** 'lenient': the text parses only with the shapes servers meet in the wild (each listed in `deviations`) */
      grammar: 'rfc' | 'lenient';
      deviations: FilterDeviation[];
    }
  | { ok: false; error: ScimFilterError };

/**
 * Reads filter text for the builder: the SCIM parser decides whether it is valid (and where it is
 * not); the tree keeps the text's own grouping and, where the shape is unchanged, the ids of
 * `previous` (so rows keep focus and state while the text is edited).
 */
export function parseFilterText(text: string, options: Pick<ParseFilterOptions, 'registry' | 'resourceType'>, previous?: GroupNode): ParsedText {
  if (text.trim() === '') return { ok: true, tree: previous && previous.children.length === 0 ? previous : emptyGroup(), spans: new Map(), grammar: 'rfc', deviations: [] };
  let grammar: 'rfc' | 'lenient' = 'rfc';
  let deviations: FilterDeviation[] = [];
  try {
    parseFilter(text, options);
  } catch (strictError) {
    if (!(strictError instanceof ScimFilterError)) throw strictError;
    try {
      deviations = parseFilterWithDeviations(text, { ...options, lenient: true }).deviations;
      grammar = 'lenient';
    } catch {
      return { ok: false, error: strictError };
    }
  }
  const scanner = new StructureScanner(text, { ...options, lenient: grammar === 'lenient' });
  const scanned = scanner.root();
  const { tree, ids } = previous ? adoptIds(scanned, previous) : { tree: scanned, ids: new Map<string, string>() };
  const spans = new Map<string, Span>();
  for (const [id, span] of scanner.spans) spans.set(ids.get(id) ?? id, span);
  return { ok: true, tree, spans, grammar, deviations };
}

import type { ReactNode } from 'react';

/** What the search box asks history for, as terms to mark: words and word prefixes, any case (as the search matches). */
export function searchTerms(text: string): string[] {
  const terms = text
    .split(/\s+/)
    .map((t) => t.toLowerCase())
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
  // longest first, so "barbara" wins over "bar" where both start
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

const WORD = /[\p{L}\p{N}]/u;
/** at most this many marks in one text: past it the rest is plain (a huge body stays cheap to draw) */
const MAX_MARKS = 1000;

/** Where the terms occur in `text` at the start of a word (the search matches words and word prefixes). */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  if (terms.length === 0 || text === '') return [];
  const lower = text.toLowerCase();
  // a lower-cased text can change length (rare characters): then positions would not line up
  if (lower.length !== text.length) return [];
  const ranges: [number, number][] = [];
  for (let at = 0; at < lower.length && ranges.length < MAX_MARKS; ) {
    let found: [number, number] | undefined;
    for (const term of terms) {
      const index = lower.indexOf(term, at);
      if (index < 0) continue;
      if (!found || index < found[0]) found = [index, index + term.length];
    }
    if (!found) break;
    const [start, end] = found;
    const wordStart = start === 0 || !WORD.test(lower[start - 1]!) || !WORD.test(lower[start]!);
    if (wordStart) ranges.push(found);
    at = wordStart ? end : start + 1;
  }
  return ranges;
}

/** `text` with each search term marked where the search would match it. */
export function Highlighted({ text, terms }: { text: string; terms: readonly string[] }): ReactNode {
  const ranges = matchRanges(text, terms);
  if (ranges.length === 0) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  ranges.forEach(([start, end], i) => {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={i} className="search-hit">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** A search snippet from history (matches between U+E000 and U+E001) with the matches marked. */
export function Snippet({ text }: { text: string }): ReactNode {
  const parts: ReactNode[] = [];
  const pattern = /\uE000([^\uE001]*)\uE001/g;
  let at = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m.index > at) parts.push(text.slice(at, m.index));
    parts.push(
      <mark key={m.index} className="search-hit">
        {m[1]}
      </mark>,
    );
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Highlighted, matchRanges, searchTerms, Snippet } from '../../../src/renderer/features/history/highlight';

describe('search highlighting', () => {
  it('marks words and word prefixes in any case, as the full-text search matches them', () => {
    const terms = searchTerms('  Barb  jensen@example ');
    expect(terms).toEqual(['jensen@example', 'barb']);
    const text = 'Barbara Jensen <jensen@example.com> rhubarb';
    expect(matchRanges(text, terms).map(([a, b]) => text.slice(a, b))).toEqual(['Barb', 'jensen@example']);
    // inside a word ("rhubarb") is not a match
    expect(matchRanges('rhubarb', ['barb'])).toEqual([]);
    expect(searchTerms('" - "')).toEqual([]);
  });

  it('renders marks for the matches and for a snippet from history', () => {
    const { container } = render(<Highlighted text="/scim/v2/Groups?count=2" terms={['groups']} />);
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Groups']);
    const snippet = render(<Snippet text={'…"userName": "\uE000olivia\uE001.hernandez" …'} />);
    expect(snippet.container.querySelector('mark')?.textContent).toBe('olivia');
    expect(snippet.container.textContent).toBe('…"userName": "olivia.hernandez" …');
  });
});

import { describe, expect, it } from 'vitest';
import { parseFilter } from '@shared/scim';
import { rootFromAst } from '../../../src/renderer/features/filter-builder/from-ast';

describe('the filter builder on a very long chain', () => {
  it('turns a 20,000-term or-chain into one group of 20,000 conditions without overflowing the stack', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `userName eq "u${i}"`).join(' or ');
    const root = rootFromAst(parseFilter(text));
    expect(root).toMatchObject({ kind: 'group', join: 'or' });
    expect(root.children).toHaveLength(20_000);
    expect(root.children[19_999]).toMatchObject({ kind: 'condition', path: 'userName', op: 'eq', value: 'u19999' });
  });
});

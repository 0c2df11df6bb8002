import { describe, expect, it } from 'vitest';
import { parseFilter, SchemaRegistry } from '@shared/scim';
import { parseFilterText } from '../../../src/renderer/features/filter-builder/parse-text';
import { treeToText } from '../../../src/renderer/features/filter-builder/print';
import { emptyGroup, newCondition, type FilterNode, type GroupNode } from '../../../src/renderer/features/filter-builder/tree';

const registry = SchemaRegistry.core();
const options = { registry, resourceType: registry.resourceType('User') };

/** The shape of a tree without ids, for comparing. */
function shape(node: FilterNode): unknown {
  if (node.kind === 'condition') return `${node.path} ${node.op}${node.op === 'pr' ? '' : ` ${JSON.stringify(node.value)}`}`;
  if (node.kind === 'valuePath') return { [`${node.attribute}[]`]: shape(node.filter) };
  return { [`${node.not ? 'not ' : ''}${node.join}`]: node.children.map(shape) };
}

function tree(text: string, previous?: GroupNode): GroupNode {
  const parsed = parseFilterText(text, options, previous);
  if (!parsed.ok) throw parsed.error;
  return parsed.tree;
}

describe('filter text to builder tree', () => {
  it('keeps the grouping the parentheses spell, which the AST alone cannot', () => {
    expect(shape(tree('(userName sw "a" and title pr) and active eq true'))).toEqual({ and: [{ and: ['userName sw "a"', 'title pr'] }, 'active eq true'] });
    expect(shape(tree('userName sw "a" and title pr and active eq true'))).toEqual({ and: ['userName sw "a"', 'title pr', 'active eq true'] });
  });

  it('binds and tighter than or, and reads not (…) as a negated group', () => {
    expect(shape(tree('title pr and userType eq "Employee" or not (active eq false)'))).toEqual({
      or: [{ and: ['title pr', 'userType eq "Employee"'] }, { 'not and': ['active eq false'] }],
    });
  });

  it('reads value filters as their own group of relative conditions', () => {
    expect(shape(tree('name.familyName co "a" and emails[type eq "work" and value co "@x.com"]'))).toEqual({
      and: ['name.familyName co "a"', { 'emails[]': { and: ['type eq "work"', 'value co "@x.com"'] } }],
    });
  });

  it('keeps the spelling of paths and reads values exactly as the parser does', () => {
    const t = tree('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "7\\"01" and meta.lastModified gt "2024-01-01T00:00:00Z" and x.y eq 1.5e2');
    expect(shape(t)).toEqual({
      and: ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "7\\"01"', 'meta.lastModified gt "2024-01-01T00:00:00Z"', 'x.y eq 150'],
    });
  });

  it('prints a tree so that reading it back gives the same tree (nested groups in parentheses)', () => {
    const texts = [
      'userName eq "bjensen"',
      '(userName sw "a" and title pr) and active eq true',
      'title pr and (userType eq "Employee" or userType eq "Intern")',
      'not (emails[type eq "work" and value ew "@example.com"]) or (meta.created ge "2024-01-01T00:00:00Z")',
      '((a eq 1) or b pr) and not (c eq null)',
    ];
    for (const text of texts) {
      const first = tree(text);
      const printed = treeToText(first);
      expect(parseFilter(printed)).toEqual(parseFilter(text));
      expect(shape(tree(printed))).toEqual(shape(first));
    }
  });

  it('leaves incomplete conditions and empty groups out of the text', () => {
    const root = emptyGroup();
    root.children.push({ ...newCondition('userName'), value: 'x' }, newCondition(), { ...emptyGroup('or'), children: [newCondition('title')] });
    expect(treeToText(root)).toBe('userName eq "x"');
  });

  it('keeps the ids of unchanged places when the text is edited, so rows are not rebuilt', () => {
    const first = tree('userName eq "a" and emails[type eq "work"]');
    const second = tree('userName eq "b" and emails[type eq "home"] and title pr', first);
    expect(second.id).toBe(first.id);
    expect(second.children[0]!.id).toBe(first.children[0]!.id);
    expect(second.children[1]!.id).toBe(first.children[1]!.id);
    expect(shape(second)).toEqual({ and: ['userName eq "b"', { 'emails[]': { and: ['type eq "home"'] } }, 'title pr'] });
  });

  it('reports the parser error with its position and keeps no tree', () => {
    const parsed = parseFilterText('userName eq "x" adn title pr', options);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.position).toBe(16);
      expect(parsed.error.message).toMatch(/expected "and", "or" or the end of the filter, found "adn"/);
    }
  });

  it('reads the lenient forms servers send, says so, and shows what they mean', () => {
    const parsed = parseFilterText('emails[type eq "work"].value eq "x@y.z"', options);
    expect(parsed.ok && parsed.grammar).toBe('lenient');
    if (parsed.ok) {
      expect(parsed.deviations[0]?.code).toBe('value-path-sub-attribute');
      expect(shape(parsed.tree)).toEqual({ and: [{ 'emails[]': { and: ['type eq "work"', 'value eq "x@y.z"'] } }] });
    }
  });
});

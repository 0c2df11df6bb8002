import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { SchemaRegistry } from '@shared/scim';
import { FilterBuilder } from '../../../src/renderer/features/filter-builder/FilterBuilder';

const registry = SchemaRegistry.core();
const user = registry.resourceType('User');

function Harness({ initial = '', onText }: { initial?: string; onText?: (text: string) => void }) {
  const [text, setText] = useState(initial);
  return (
    <>
      <FilterBuilder
        value={text}
        onChange={(next) => {
          setText(next);
          onText?.(next);
        }}
        registry={registry}
        resourceType={user}
      />
      <output data-testid="draft">{text}</output>
    </>
  );
}

const filterText = () => screen.getByRole('textbox', { name: 'Filter text' }) as HTMLTextAreaElement;
const tree = () => screen.getByRole('group', { name: 'Filter conditions' });

async function pickAttribute(scope: HTMLElement, typed: string, option: string) {
  const u = userEvent.setup();
  const box = within(scope).getAllByRole('combobox')[0]!;
  await u.clear(box);
  await u.type(box, typed);
  const list = screen.getByRole('listbox');
  await u.click(within(list).getByRole('option', { name: new RegExp(`^${option.replace(/[.[\]]/g, '\\$&')}\\b`) }));
}

describe('the filter builder', () => {
  it('builds name.familyName co "a" and emails[type eq "work"] from the tree, and the text matches', async () => {
    const u = userEvent.setup();
    const seen: string[] = [];
    render(<Harness onText={(t) => seen.push(t)} />);
    expect(within(tree()).getByText(/No conditions: every resource matches/)).toBeTruthy();

    await u.click(within(tree()).getByRole('button', { name: '+ Condition' }));
    const first = within(tree()).getByRole('group', { name: 'Condition 1' });
    // the new row's attribute box has focus, ready to type
    expect(document.activeElement).toBe(within(first).getByRole('combobox', { name: 'Attribute' }));
    await pickAttribute(first, 'familyN', 'name.familyName');
    await u.selectOptions(within(first).getByRole('combobox', { name: 'Operator' }), 'co');
    await u.type(within(first).getByRole('textbox', { name: 'Value' }), 'a');
    expect(filterText().value).toBe('name.familyName co "a"');

    await u.click(within(tree()).getAllByRole('button', { name: '+ Value filter' })[0]!);
    await u.type(within(tree()).getByRole('combobox', { name: 'Multi-valued attribute' }), 'emails{Enter}');
    const valueFilter = within(tree()).getByRole('group', { name: 'Value filter on emails' });
    const inner = within(valueFilter).getByRole('group', { name: 'Condition 1' });
    await pickAttribute(inner, 'type', 'type');
    await u.type(within(inner).getByLabelText('Value'), 'work');

    expect(filterText().value).toBe('name.familyName co "a" and emails[type eq "work"]');
    expect(screen.getByTestId('draft').textContent).toBe('name.familyName co "a" and emails[type eq "work"]');
    expect(seen.at(-1)).toBe('name.familyName co "a" and emails[type eq "work"]');
    expect(screen.getByLabelText('Encoded query').textContent).toBe('filter=name.familyName%20co%20%22a%22%20and%20emails%5Btype%20eq%20%22work%22%5D');
  });

  it('follows the text when it is edited, keeping the groups the user built', async () => {
    const u = userEvent.setup();
    render(<Harness initial='(userName sw "j" and title pr) and emails[type eq "work"]' />);
    expect(within(tree()).getByRole('group', { name: 'Group 1 (and)' })).toBeTruthy();

    await u.clear(filterText());
    await u.type(filterText(), '(userName sw "k" or title pr) and emails[[type eq "home"] and active eq true');
    const group = within(tree()).getByRole('group', { name: 'Group 1 (or)' });
    expect((within(group).getAllByRole('textbox', { name: 'Value' })[0] as HTMLInputElement).value).toBe('k');
    const valueFilter = within(tree()).getByRole('group', { name: 'Value filter on emails' });
    expect((within(valueFilter).getByLabelText('Value') as HTMLInputElement).value).toBe('home');
    const third = within(tree()).getByRole('group', { name: 'Condition 3' });
    expect(within(third).getByRole('switch', { name: 'Value' }).getAttribute('aria-checked')).toBe('true');

    // and back: an edit in the tree rewrites the text with the group still in parentheses
    await u.click(within(group).getByRole('radio', { name: 'AND' }));
    expect(filterText().value).toBe('(userName sw "k" and title pr) and emails[type eq "home"] and active eq true');
  });

  it('underlines a parse error where it is, says what was expected, and freezes the tree', async () => {
    const u = userEvent.setup();
    const { container } = render(<Harness initial='userName eq "x"' />);
    await u.type(filterText(), ' adn title pr');
    const mark = container.querySelector('mark.squiggle-error')!;
    expect(mark.getAttribute('data-start')).toBe('16');
    expect(mark.textContent).toBe('adn');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/^Column 17: expected "and", "or" or the end of the filter, found "adn"/);
    expect(filterText().getAttribute('aria-invalid')).toBe('true');
    expect((tree() as HTMLFieldSetElement).disabled).toBe(true);
    // the draft keeps exactly what was typed: nothing is lost while it is wrong
    expect(screen.getByTestId('draft').textContent).toBe('userName eq "x" adn title pr');

    await u.click(within(alert).getByRole('button', { name: 'Show' }));
    expect(filterText().selectionStart).toBe(16);
    expect(filterText().selectionEnd).toBe(19);
  });

  it('marks an error at the end of the text too', async () => {
    const { container } = render(<Harness initial="userName eq" />);
    const mark = container.querySelector('mark.squiggle-error')!;
    expect(mark.getAttribute('data-start')).toBe('11');
    expect(screen.getByRole('alert').textContent).toMatch(/Column 12: expected a value/);
  });

  it('flags an unknown attribute with a suggestion that fixes it in one click', async () => {
    const u = userEvent.setup();
    const { container } = render(<Harness initial='usrName eq "bjensen" and emails[tpye eq "work"]' />);
    // each flagged row says what is wrong next to it
    const notes = screen.getAllByRole('note').map((n) => n.textContent);
    expect(notes).toEqual(['⚠ "usrName" is not an attribute of User; did you mean userName?Use userName', '⚠ "tpye" is not a sub-attribute of emails; did you mean type?Use type']);
    const marks = [...container.querySelectorAll('mark.squiggle-warning')].map((m) => m.textContent);
    expect(marks).toEqual(['usrName', 'tpye']);

    await u.click(screen.getByRole('button', { name: 'Use userName' }));
    expect(filterText().value).toBe('userName eq "bjensen" and emails[tpye eq "work"]');
    await u.click(screen.getByRole('button', { name: 'Use type' }));
    expect(filterText().value).toBe('userName eq "bjensen" and emails[type eq "work"]');
    expect(screen.queryAllByRole('note')).toEqual([]);
  });

  it('offers operators by type and the value input the type calls for', async () => {
    const u = userEvent.setup();
    render(<Harness initial='active eq true and meta.lastModified gt "2024-05-13T04:42:34Z" and userName pr' />);
    const ops = (n: number) =>
      [...(within(within(tree()).getByRole('group', { name: `Condition ${n}` })).getByRole('combobox', { name: 'Operator' }) as HTMLSelectElement).options].map((o) => o.value);
    expect(ops(1)).toEqual(['eq', 'ne', 'pr']);
    expect(ops(2)).toEqual(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'pr']);
    expect(ops(3)).toEqual(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr']);

    const second = within(tree()).getByRole('group', { name: 'Condition 2' });
    const date = second.querySelector('input[type="datetime-local"]') as HTMLInputElement;
    expect(date.getAttribute('aria-label')).toBe('Value');
    expect(within(second).getByText('2024-05-13T04:42:34Z')).toBeTruthy();

    const first = within(tree()).getByRole('group', { name: 'Condition 1' });
    await u.click(within(first).getByRole('switch', { name: 'Value' }));
    expect(filterText().value).toBe('active eq false and meta.lastModified gt "2024-05-13T04:42:34Z" and userName pr');
  });

  it('reads the wild form emails[…].value eq … leniently and says it is not RFC grammar', () => {
    render(<Harness initial='emails[type eq "work"].value eq "a@b.c"' />);
    expect(screen.getByRole('note').textContent).toMatch(/Not RFC 7644 filter grammar.*PATCH path grammar/);
    expect(within(tree()).getByRole('group', { name: 'Value filter on emails' })).toBeTruthy();
  });

  it('adds and removes groups and keeps the structure in the text', async () => {
    const u = userEvent.setup();
    render(<Harness initial='userName eq "a"' />);
    const rootHead = within(tree()).getAllByRole('button', { name: '+ Group' })[0]!;
    await u.click(rootHead);
    const group = within(tree()).getByRole('group', { name: 'Group 2 (or)' });
    await pickAttribute(group, 'displayN', 'displayName');
    await u.type(within(group).getByRole('textbox', { name: 'Value' }), 'x');
    expect(filterText().value).toBe('userName eq "a" and (displayName eq "x")');
    await u.click(within(group).getAllByRole('button', { name: '+ Condition' })[0]!);
    const second = within(group).getByRole('group', { name: 'Condition 2' });
    await pickAttribute(second, 'nickN', 'nickName');
    await u.selectOptions(within(second).getByRole('combobox', { name: 'Operator' }), 'pr');
    expect(filterText().value).toBe('userName eq "a" and (displayName eq "x" or nickName pr)');
    await u.click(screen.getByRole('button', { name: 'Move group up' }));
    expect(filterText().value).toBe('(displayName eq "x" or nickName pr) and userName eq "a"');
    await u.click(screen.getByRole('button', { name: 'Remove group' }));
    expect(filterText().value).toBe('userName eq "a"');
  });
});

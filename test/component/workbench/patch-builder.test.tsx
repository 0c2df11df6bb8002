import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { type RequestDraft } from '@shared/model/workspace';
import { SchemaRegistry, URN } from '@shared/scim';
import { ComposerContext, type ComposerContextValue } from '../../../src/renderer/features/workbench/composer/composer-context';
import { PatchBuilder } from '../../../src/renderer/features/workbench/composer/PatchBuilder';
import { applyOperation, newDraft, setBody, setResourceId } from '../../../src/renderer/features/workbench/model/presets';

const registry = SchemaRegistry.core();
const ctx = { registry };

function Harness({ body, onDraft }: { body: string; onDraft(draft: RequestDraft): void }) {
  const [draft, setDraft] = useState(() => setBody(setResourceId(applyOperation(newDraft('list', 'User', ctx), 'patch', ctx), 'u1', ctx), body));
  const value: ComposerContextValue = {
    tabId: 't',
    draft,
    update: (change) =>
      setDraft((d) => {
        const next = change(d);
        onDraft(next);
        return next;
      }),
    endpoint: undefined,
    collectionVariables: {},
    schema: { status: 'ready', registry, cursorPaging: false, usesCoreSchemas: true, refresh() {} },
    resourceType: registry.resourceType('User'),
    preset: ctx,
    runtime: {},
    section: 'operations',
    setSection() {},
    send() {},
    cancel() {},
  };
  return (
    <ComposerContext.Provider value={value}>
      <PatchBuilder />
      {/* stands in for the Body tab: the same draft, edited as text */}
      <textarea aria-label="Body JSON" value={draft.body} onChange={(event) => value.update((d) => setBody(d, event.target.value))} />
    </ComposerContext.Provider>
  );
}

const body = (ops: unknown[]) => JSON.stringify({ schemas: [URN.patchOp], Operations: ops }, null, 2);

describe('the PATCH builder, two-way with the JSON body', () => {
  it('shows the operations of the body and writes edits back into it', async () => {
    const user = userEvent.setup();
    let last: RequestDraft | undefined;
    render(<Harness body={body([{ op: 'replace', path: 'displayName', value: 'Babs' }, { op: 'add', path: 'emails', value: [{ value: 'b@x.com', type: 'work' }] }])} onDraft={(d) => (last = d)} />);
    const first = screen.getByRole('group', { name: 'Operation 1' });
    expect((within(first).getByRole('combobox', { name: 'path' }) as HTMLInputElement).value).toBe('displayName');
    expect(within(first).getByRole('button', { name: 'Edit value of operation 1' }).textContent).toBe('"Babs"');

    // op and path edited in the builder land in the body
    await user.selectOptions(within(first).getByRole('combobox', { name: 'op' }), 'remove');
    let json = JSON.parse(last!.body);
    expect(json.Operations[0]).toEqual({ op: 'remove', path: 'displayName' });
    const pathBox = within(first).getByRole('combobox', { name: 'path' });
    await user.clear(pathBox);
    await user.type(pathBox, 'emails[[type eq "work"].val');
    await user.click(screen.getByRole('option', { name: /^emails\[type eq "work"\]\.value/ }));
    json = JSON.parse(last!.body);
    expect(json.Operations[0]).toEqual({ op: 'remove', path: 'emails[type eq "work"].value' });

    // reorder and remove
    await user.click(screen.getByRole('button', { name: 'Move operation 2 up' }));
    json = JSON.parse(last!.body);
    expect(json.Operations.map((o: { op: string }) => o.op)).toEqual(['add', 'remove']);
    await user.click(screen.getByRole('button', { name: 'Remove operation 1' }));
    expect(JSON.parse(last!.body).Operations).toEqual([{ op: 'remove', path: 'emails[type eq "work"].value' }]);
    expect(JSON.parse(last!.body).schemas).toEqual([URN.patchOp]);
  });

  it('follows edits of the JSON body', async () => {
    const user = userEvent.setup();
    render(<Harness body={body([])} onDraft={() => {}} />);
    expect(screen.getByText(/No operations yet/)).toBeTruthy();
    const text = screen.getByRole('textbox', { name: 'Body JSON' });
    await user.clear(text);
    await user.click(text);
    await user.paste(body([{ op: 'Replace', path: 'active', value: false }]));
    const row = screen.getByRole('group', { name: 'Operation 1' });
    // Entra's capitalised op is shown as it is, not silently changed
    expect((within(row).getByRole('combobox', { name: 'op' }) as HTMLSelectElement).value).toBe('Replace');
    expect((within(row).getByRole('combobox', { name: 'path' }) as HTMLInputElement).value).toBe('active');
    expect(screen.getByText(/A Boolean value indicating the User's administrative status/)).toBeTruthy();
  });

  it('flags a path that does not parse at its column, and an attribute the schema lacks', () => {
    render(<Harness body={body([{ op: 'replace', path: 'emails[type eq]', value: 'x' }, { op: 'replace', path: 'nickname2', value: 'x' }, { op: 'remove' }])} onDraft={() => {}} />);
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts[0]).toMatch(/^Column 15: expected a value/);
    expect(alerts).toContain('remove needs a path (RFC 7644 §3.5.2.2).');
    expect(screen.getByRole('note').textContent).toBe('“nickname2” is not an attribute of User.');
  });

  it('does not rewrite a body it cannot show; starting over keeps the old body aside', async () => {
    const user = userEvent.setup();
    let last: RequestDraft | undefined;
    render(<Harness body='{"schemas": [' onDraft={(d) => (last = d)} />);
    expect(screen.getByRole('alert').textContent).toMatch(/The builder cannot show this body: The body is not valid JSON/);
    await user.click(screen.getByRole('button', { name: 'Start over with an empty PatchOp' }));
    expect(JSON.parse(last!.body)).toEqual({ schemas: [URN.patchOp], Operations: [] });
    expect(last!.stash['patch-replaced']).toBe('{"schemas": [');
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ExportedFile } from '@shared/api/commands/exchange';
import { fail } from '@shared/api/errors';
import { ExportDialog } from '../../../src/renderer/features/exchange/ExportDialog';
import { ImportDialog } from '../../../src/renderer/features/exchange/ImportDialog';
import { fakeApi } from '../support/fake-api';

const emptyPreview = { secretHeaders: [{ name: 'authorization', count: 2 }], secretValues: 1, personalData: [], alwaysRedacted: 1, paths: ['password'] };

describe('the export dialog', () => {
  it('lists what will be redacted, then hands the file over to be saved with the chosen options', async () => {
    const saved: ExportedFile[] = [];
    let closed = false;
    const api = fakeApi({
      'exchange.preview': () => ({ count: 2, preview: emptyPreview }),
      'exchange.export': ({ format, bodyLimit }) => ({ fileName: 'scim-log.md', mimeType: 'text/markdown', content: `# log ${format} ${bodyLimit}`, count: 2, preview: emptyPreview }),
    });
    api.render(<ExportDialog source={{ kind: 'run', runId: 'r1' }} onClose={() => (closed = true)} save={(f) => saved.push(f)} />);
    const preview = await screen.findByRole('region', { name: 'Redaction preview' });
    expect(preview.textContent).toContain('Credential headers: authorization ×2');
    expect(preview.textContent).toContain('Known secret values (tokens, passwords from the vault): 1');
    expect(preview.textContent).toContain('No personal data found under the selected attributes.');
    // userName and externalId are ticked by default with the other personal values
    await userEvent.type(screen.getByRole('textbox', { name: /More attributes/ }), 'nickName, title');
    await waitFor(() =>
      expect(api.callsOf('exchange.preview').at(-1)?.redaction.personalData).toEqual(['userName', 'externalId', 'emails.value', 'phoneNumbers.value', 'name', 'addresses', 'displayName', 'nickName', 'title']),
    );
    const limit = screen.getByRole('spinbutton', { name: /Cut each body after/ });
    fireEvent.change(limit, { target: { value: '5000' } });
    await userEvent.click(screen.getByRole('button', { name: 'Export Markdown report' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ fileName: 'scim-log.md', mimeType: 'text/markdown', content: '# log markdown 5000' });
    expect(api.callsOf('exchange.export')[0]?.source).toEqual({ kind: 'run', runId: 'r1' });
    expect(closed).toBe(true);
  });

  it('says why when there is nothing to export', async () => {
    const api = fakeApi({ 'exchange.preview': () => Promise.reject(fail('not-found', 'The run r1 is no longer kept; run the folder again to export it', { what: 'run' })) });
    api.render(<ExportDialog source={{ kind: 'run', runId: 'r1' }} onClose={() => {}} />);
    expect((await screen.findByRole('alert')).textContent).toBe('The run r1 is no longer kept; run the folder again to export it');
    expect((screen.getByRole('button', { name: /^Export / }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('the import dialog', () => {
  it('reads a chosen Postman file and imports it into a new collection', async () => {
    let result: unknown;
    const api = fakeApi({ 'exchange.import': () => ({ collectionId: 'c9', itemIds: ['a.request.json'], imported: 1, warnings: [], secrets: [] }) });
    api.render(<ImportDialog collectionId={undefined} onCancel={() => {}} onImported={(r) => (result = r)} />);
    const text = JSON.stringify({ info: { name: 'P', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] });
    const file = new File([text], 'p.postman_collection.json', { type: 'application/json' });
    await userEvent.upload(screen.getByLabelText('File'), file);
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Or paste the content' }) as HTMLTextAreaElement).value).toBe(text));
    await userEvent.type(screen.getByRole('textbox', { name: 'New collection name' }), 'From Postman');
    expect((screen.getByRole('radio', { name: 'The current collection' }) as HTMLInputElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(result).toEqual({ collectionId: 'c9', itemIds: ['a.request.json'], imported: 1, warnings: [], secrets: [] }));
    expect(api.callsOf('exchange.import')[0]).toEqual({ format: 'postman', text, fileName: 'p.postman_collection.json', target: { kind: 'new', name: 'From Postman' } });
  });

  it('shows the error and its hint, and keeps what was pasted', async () => {
    const api = fakeApi({
      'exchange.import': () => Promise.reject(fail('unsupported', 'Only Postman Collection v2.0 and v2.1 can be imported; this file says its schema is "missing"', { hint: 'In Postman: Export → Collection v2.1.' })),
    });
    api.render(<ImportDialog collectionId="c1" onCancel={() => {}} onImported={() => {}} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the content' }), { target: { value: '{"requests": []}' } });
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText(/Only Postman Collection v2\.0 and v2\.1/)).toBeTruthy();
    expect(within(alert).getByText('In Postman: Export → Collection v2.1.')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Or paste the content' }) as HTMLTextAreaElement).value).toBe('{"requests": []}');
    expect(api.callsOf('exchange.import')[0]?.target).toEqual({ kind: 'existing', collectionId: 'c1' });
  });
});

import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fail } from '@shared/api/errors';
import { redactExchanges } from '@shared/redact/exchanges';
import { HistoryEntryView } from '../../../src/renderer/features/history/HistoryEntryView';
import { HistoryPanel } from '../../../src/renderer/features/history/HistoryPanel';
import { useHistory } from '../../../src/renderer/stores/history';
import { useIntegration } from '../../../src/renderer/stores/integration';
import { fakeApi } from '../support/fake-api';
import { historyFixture } from '../support/history-fixtures';
import { giveScrollersASize } from '../support/layout';

function setup(count = 12) {
  const data = historyFixture(count);
  const api = fakeApi({
    'history.list': (request) => data.list(request),
    'history.get': ({ id }) => {
      const r = data.records.get(id);
      if (!r) throw fail('not-found', `History entry ${id} does not exist`, { what: 'history entry' });
      return { summary: r.summary, exchange: r.exchange };
    },
    'history.delete': ({ ids }) => {
      for (const id of ids) data.records.delete(id);
      return { deleted: ids.length };
    },
    'history.clear': () => {
      data.records.clear();
      return {};
    },
    'exchange.preview': ({ source, redaction }) => {
      const records = source.kind === 'history' ? source.ids.map((id) => data.records.get(id)!) : [];
      const { preview } = redactExchanges(records, { scrub: (t) => t }, redaction);
      return { count: records.length, preview };
    },
    'exchange.export': ({ source, format }) => ({
      fileName: `log.${format}`,
      mimeType: 'text/markdown',
      content: 'x',
      count: source.kind === 'history' ? source.ids.length : 0,
      preview: { secretHeaders: [], secretValues: 0, personalData: [], alwaysRedacted: 0, paths: [] },
    }),
  });
  api.render(
    <>
      <HistoryPanel />
      <HistoryEntryView />
    </>,
  );
  return { api, data };
}

const rows = () => within(screen.getByRole('listbox', { name: 'History entries' })).getAllByRole('option');

describe('the history panel', () => {
  beforeAll(() => giveScrollersASize());
  beforeEach(() => {
    useHistory.setState({ text: '', filters: {}, entries: [], nextCursor: undefined, selected: new Set(), anchor: undefined, focused: undefined, openId: undefined, detail: undefined, loading: false, error: undefined });
    useIntegration.setState({ openExchange: undefined, openRequest: undefined, endpoints: [] });
  });

  it('lists entries newest first with method, status, path, time and duration; only the rows in view are rendered', async () => {
    setup(500);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const first = rows()[0]!;
    expect(within(first).getByText('GET')).toBeTruthy();
    expect(within(first).getByText('/scim/v2/Users/u500')).toBeTruthy();
    expect(within(first).getByText('200').className).toContain('tone-ok');
    expect(within(first).getByText('510 ms')).toBeTruthy();
    expect(within(rows()[1]!).getByText('DELETE')).toBeTruthy();
    expect(within(rows()[1]!).getByText('500').className).toContain('tone-server');
    // 200 loaded (one page), far fewer in the DOM
    expect(useHistory.getState().entries).toHaveLength(200);
    expect(rows().length).toBeLessThan(60);
  });

  it('searches as you type and filters by method', async () => {
    const { api } = setup();
    await waitFor(() => expect(rows()).toHaveLength(12));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search history' }), 'user7@example');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(api.callsOf('history.list').at(-1)?.text).toBe('user7@example');
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search history' }));
    await userEvent.click(screen.getByRole('button', { name: /Filters/ }));
    await userEvent.click(screen.getByRole('button', { name: 'POST' }));
    await waitFor(() => expect(api.callsOf('history.list').at(-1)?.methods).toEqual(['POST']));
    await waitFor(() => expect(rows().map((r) => within(r).getByText(/^(GET|POST|PATCH|DELETE)$/).textContent)).toEqual(['POST', 'POST', 'POST']));
  });

  it('opens an entry on click, selects several with Ctrl and Shift, and with the keyboard', async () => {
    setup();
    await waitFor(() => expect(rows()).toHaveLength(12));
    fireEvent.mouseDown(rows()[0]!);
    await screen.findByRole('region', { name: 'Response' });
    expect(screen.getByLabelText('Response body').textContent).toContain('"userName": "user12"');
    fireEvent.mouseDown(rows()[2]!, { ctrlKey: true });
    expect([...useHistory.getState().selected]).toEqual([12, 10]);
    fireEvent.mouseDown(rows()[5]!, { shiftKey: true });
    expect([...useHistory.getState().selected].sort((a, b) => b - a)).toEqual([10, 9, 8, 7]);
    const list = screen.getByRole('listbox', { name: 'History entries' });
    fireEvent.keyDown(list, { key: 'ArrowDown', shiftKey: true });
    expect([...useHistory.getState().selected].sort((a, b) => b - a)).toEqual([10, 9, 8, 7, 6]);
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect([...useHistory.getState().selected]).toEqual([5]);
    expect(list.getAttribute('aria-activedescendant')).toBe('history-row-5');
    await waitFor(() => expect(screen.getByLabelText('Response body').textContent).toContain('"userName": "user5"'));
    fireEvent.keyDown(list, { key: 'a', ctrlKey: true });
    expect(useHistory.getState().selected.size).toBe(12);
  });

  it('exports the selection after previewing the redaction, which follows the ticked attributes', async () => {
    const { api } = setup();
    await waitFor(() => expect(rows()).toHaveLength(12));
    fireEvent.mouseDown(rows()[0]!);
    fireEvent.mouseDown(rows()[1]!, { shiftKey: true });
    await userEvent.click(screen.getByRole('button', { name: 'Export (2)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export requests' });
    const preview = await within(dialog).findByRole('table');
    expect(within(preview).getByText('user12@example.com')).toBeTruthy();
    expect(within(preview).getAllByText(/email-\d@redacted\.invalid/)).toHaveLength(2);
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'emails.value' }));
    await waitFor(() => expect(within(dialog).queryByText('user12@example.com')).toBeNull());
    expect(api.callsOf('exchange.preview').at(-1)?.redaction.personalData).not.toContain('emails.value');
    await userEvent.click(within(dialog).getByRole('radio', { name: /HAR 1\.2/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Export HAR 1.2' }));
    const sent = api.callsOf('exchange.export')[0]!;
    expect(sent.format).toBe('har');
    expect(sent.source).toEqual({ kind: 'history', ids: [12, 11] });
    // userName and externalId are ticked by default with the other personal values
    expect(sent.redaction.personalData).toEqual(['userName', 'externalId', 'phoneNumbers.value', 'name', 'addresses', 'displayName']);
  });

  it('deletes the selection after confirming, and refetches when history changes', async () => {
    const { api } = setup();
    await waitFor(() => expect(rows()).toHaveLength(12));
    fireEvent.mouseDown(rows()[0]!);
    fireEvent.keyDown(screen.getByRole('listbox', { name: 'History entries' }), { key: 'Delete' });
    const confirm = await screen.findByRole('dialog', { name: 'Delete entries?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(rows()).toHaveLength(11));
    expect(api.callsOf('history.delete')[0]?.ids).toEqual([12]);
    const before = api.callsOf('history.list').length;
    act(() => api.emit('history.changed', { reason: 'recorded', count: 1 }));
    await waitFor(() => expect(api.callsOf('history.list').length).toBe(before + 1));
  });

  it('offers "open in the inspector" only when the workbench provides it', async () => {
    const opened: string[] = [];
    setup();
    await waitFor(() => expect(rows()).toHaveLength(12));
    fireEvent.mouseDown(rows()[0]!);
    await screen.findByRole('region', { name: 'Response' });
    expect(screen.queryByRole('button', { name: 'Open in the inspector' })).toBeNull();
    act(() => useIntegration.setState({ openExchange: (exchange) => opened.push(exchange.id) }));
    await userEvent.click(screen.getByRole('button', { name: 'Open in the inspector' }));
    expect(opened).toEqual(['ex-12']);
  });
});

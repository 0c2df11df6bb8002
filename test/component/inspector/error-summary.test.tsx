import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HttpExchange } from '@shared/model/exchange';
import { SCIM_TYPES } from '@shared/scim/errors';
import { ErrorSummary } from '../../../src/renderer/features/inspector/summary/ErrorSummary';

function answer(status: number, body: unknown): HttpExchange {
  const preview = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    id: 'x',
    startedAt: '2025-01-01T00:00:00.000Z',
    request: { method: 'GET', url: 'http://127.0.0.1/scim/v2/Users', headers: [] },
    response: { status, statusText: '', headers: [], body: { size: preview.length, preview, truncated: false } },
    timings: { total: 1 },
    redirects: [],
  };
}

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe('the error summary', () => {
  it('shows status, scimType and detail, and explains every scimType of RFC 7644 §3.12 and RFC 9865', () => {
    for (const scimType of SCIM_TYPES) {
      const { unmount } = render(<ErrorSummary exchange={answer(400, { schemas: [ERROR], status: '400', scimType, detail: `about ${scimType}` })} />);
      const group = screen.getByRole('group', { name: 'Error summary' });
      expect(screen.getByTestId('error-status').textContent).toBe('400');
      expect(screen.getByTestId('error-scim-type').textContent).toBe(scimType);
      expect(screen.getByTestId('error-detail').textContent).toBe(`about ${scimType}`);
      // the scimType's own explanation and the status's
      expect(group.querySelectorAll('.ins-error-meaning')).toHaveLength(2);
      expect(group.textContent).toMatch(/RFC (7644 §3\.12|9865 §5)/);
      unmount();
    }
  });

  it('explains the common statuses, also when the body is not a SCIM error', () => {
    const meanings: Record<number, RegExp> = {
      400: /Bad Request/,
      401: /authorization header is missing or invalid/,
      403: /Forbidden/,
      404: /Not Found/,
      409: /Conflict/,
      412: /Precondition Failed/,
      413: /Payload Too Large/,
      429: /Too Many Requests/,
      500: /Internal Server Error/,
      501: /Not Implemented/,
    };
    for (const [status, meaning] of Object.entries(meanings)) {
      const { unmount } = render(<ErrorSummary exchange={answer(Number(status), '<html>oops</html>')} />);
      const group = screen.getByRole('group', { name: 'Error summary' });
      expect(group.textContent).toMatch(meaning);
      expect(group.textContent).toContain('the body is not a SCIM error');
      unmount();
    }
  });

  it('names the scimType a wrongly cased one stands for, and stays away from successes', () => {
    render(<ErrorSummary exchange={answer(409, { status: 409, scimType: 'Uniqueness' })} />);
    const group = screen.getByRole('group', { name: 'Error summary' });
    expect(group.textContent).toContain('Uniqueness is not a SCIM error type; uniqueness is');
    expect(group.textContent).toContain('no detail given');
    expect(screen.getByTestId('error-status').textContent).toBe('409');
    const { container } = render(<ErrorSummary exchange={answer(200, { id: '1' })} />);
    expect(container.textContent).toBe('');
  });
});

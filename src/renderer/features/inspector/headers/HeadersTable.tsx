import { useState } from 'react';
import type { HeaderList } from '@shared/model/exchange';

/** Response (and request) headers as served: names keep their case, duplicates stay. */
export function HeadersTable({ response, request }: { response: HeaderList; request: HeaderList }) {
  const [showRequest, setShowRequest] = useState(false);
  const rows = showRequest ? request : response;
  return (
    <div className="ins-headers">
      <div className="ins-toolbar">
        <div role="group" aria-label="Which headers" className="ins-segmented">
          <button type="button" aria-pressed={!showRequest} onClick={() => setShowRequest(false)}>
            Response ({response.length})
          </button>
          <button type="button" aria-pressed={showRequest} onClick={() => setShowRequest(true)}>
            Request ({request.length})
          </button>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="ins-empty">No headers.</p>
      ) : (
        <table className="ins-kv" aria-label={showRequest ? 'Request headers' : 'Response headers'}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, value], i) => (
              <tr key={`${name}-${i}`}>
                <th scope="row">{name}</th>
                <td>
                  <code>{value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

import type { HttpEngine } from '../../services/http/engine';
import type { Handlers } from '../router';

export function httpHandlers(engine: HttpEngine): Pick<Handlers, 'http.send' | 'http.cancel'> {
  return {
    'http.send': ({ requestId, spec }) => engine.send(requestId, spec),
    'http.cancel': ({ requestId }) => ({ cancelled: engine.cancel(requestId) }),
  };
}

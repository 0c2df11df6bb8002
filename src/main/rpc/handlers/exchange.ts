import type { ExchangeService } from '../../services/exchange/exchange-service';
import type { Handlers } from '../router';

export function exchangeHandlers(exchange: ExchangeService): Pick<Handlers, 'exchange.preview' | 'exchange.export' | 'exchange.import' | 'exchange.exportCollection'> {
  return {
    'exchange.preview': ({ source, redaction }) => exchange.preview(source, redaction),
    'exchange.export': (request) => exchange.export(request),
    'exchange.import': (request) => exchange.import(request),
    'exchange.exportCollection': ({ collectionId }) => exchange.exportCollection(collectionId),
  };
}

import { contract, type CommandName, type RequestInput, type ResponseOf } from '@shared/api/contract';
import type { AppError } from '@shared/api/errors';
import { events, type EventName, type EventPayload } from '@shared/api/events';
import type { Transport } from './transport';

/** A failed call: `error` is the typed error union from main. */
export class ApiError extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'ApiError';
    this.error = error;
  }
}

export interface ApiClient {
  readonly transport: Transport;
  call<K extends CommandName>(command: K, request: RequestInput<K>): Promise<ResponseOf<K>>;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
}

/** The renderer's only way to main, typed from the contract: an unknown command does not compile. */
export function createClient(transport: Transport): ApiClient {
  return {
    transport,
    async call(command, request) {
      const result = await transport.call(command, request);
      if (!result.ok) throw new ApiError(result.error);
      return contract[command].response.parse(result.value) as ResponseOf<typeof command>;
    },
    on(event, listener) {
      return transport.subscribe(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
      });
    },
  };
}

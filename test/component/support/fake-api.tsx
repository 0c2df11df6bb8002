import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import type { CommandName, RequestOf, ResponseOf } from '@shared/api/contract';
import { contract } from '@shared/api/contract';
import { fail, isAppFailure } from '@shared/api/errors';
import type { EventName, EventPayload } from '@shared/api/events';
import { ApiProvider } from '../../../src/renderer/app/api-context';
import { createClient, type ApiClient } from '../../../src/renderer/transport/client';
import type { Transport } from '../../../src/renderer/transport/transport';

export type FakeHandlers = { [K in CommandName]?: (request: RequestOf<K>) => ResponseOf<K> | Promise<ResponseOf<K>> };

/**
 * A transport that answers from handlers written in the test, validating requests and answers
 * against the real contract (so a component that sends a malformed command fails the test).
 */
export function fakeApi(handlers: FakeHandlers) {
  const calls: { command: CommandName; request: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const transport: Transport = {
    kind: 'http',
    async call(command, payload) {
      const name = command as CommandName;
      const spec = contract[name];
      const parsed = spec.request.safeParse(payload ?? {});
      if (!parsed.success) throw new Error(`${command} sent an invalid request: ${parsed.error.message}`);
      calls.push({ command: name, request: parsed.data });
      const handler = handlers[name] as ((r: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { kind: 'unsupported', message: `${command} is not faked in this test` } };
      try {
        const value = await handler(parsed.data);
        const checked = spec.response.safeParse(value);
        if (!checked.success) throw new Error(`the fake answer to ${command} does not match the contract: ${checked.error.message}`);
        return { ok: true, value: checked.data };
      } catch (error) {
        if (isAppFailure(error)) return { ok: false, error: error.error };
        throw error;
      }
    },
    subscribe(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
  };
  const client: ApiClient = createClient(transport);
  return {
    client,
    calls,
    callsOf: <K extends CommandName>(command: K) => calls.filter((c) => c.command === command).map((c) => c.request as RequestOf<K>),
    emit<K extends EventName>(event: K, payload: EventPayload<K>) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    render: (ui: ReactNode) => render(<ApiProvider client={client}>{ui}</ApiProvider>),
  };
}

export { fail };

import { z } from 'zod';
import { command } from '../command';
import { AppError } from '../errors';
import { EndpointInput, EndpointView, SecretField } from '../../model/endpoint';
import { HttpExchange } from '../../model/exchange';

const EndpointId = z.object({ id: z.string().min(1) });

export const EndpointList = z.object({
  /** the built-in Sandbox first, then saved endpoints by name */
  endpoints: z.array(EndpointView),
  /** what the switcher selects when nothing else is selected (the Sandbox when it runs) */
  defaultId: z.string().optional(),
});
export type EndpointList = z.infer<typeof EndpointList>;

export const FindingLevel = z.enum(['ok', 'info', 'warning', 'error']);
export type FindingLevel = z.infer<typeof FindingLevel>;

/** One observation of "Test connection", in plain words. */
export const Finding = z.object({
  level: FindingLevel,
  area: z.enum(['network', 'tls', 'auth', 'timing', 'scim', 'proxy']),
  message: z.string(),
});
export type Finding = z.infer<typeof Finding>;

export const ConnectionTest = z.object({
  endpointId: z.string(),
  /** true when /ServiceProviderConfig answered 2xx with a SCIM document */
  ok: z.boolean(),
  url: z.string(),
  findings: z.array(Finding),
  /** the request and its answer, when one came back (secrets replaced) */
  exchange: HttpExchange.optional(),
  error: AppError.optional(),
  testedAt: z.string(),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

export const endpointsCommands = {
  'endpoints.list': command(z.object({}), EndpointList),
  'endpoints.get': command(EndpointId, EndpointView),
  'endpoints.create': command(z.object({ endpoint: EndpointInput }), EndpointView),
  /** replaces the endpoint's settings (secrets are kept; the built-in Sandbox cannot be edited) */
  'endpoints.update': command(EndpointId.extend({ endpoint: EndpointInput }), EndpointView),
  /** a copy under a new name; a user endpoint's secrets are copied too, the Sandbox's token is not */
  'endpoints.duplicate': command(EndpointId.extend({ name: z.string().trim().min(1).max(200).optional() }), EndpointView),
  /** removes the endpoint and every secret of it from the keychain */
  'endpoints.delete': command(EndpointId, z.object({ id: z.string(), removedSecrets: z.number().int() })),
  /** write-only: the value goes to the keychain, the answer says only that it is set */
  'endpoints.setSecret': command(z.object({ endpointId: z.string().min(1), field: SecretField, value: z.string().min(1, 'an empty secret cannot be saved; use Clear').max(64 * 1024) }), EndpointView),
  'endpoints.clearSecret': command(z.object({ endpointId: z.string().min(1), field: SecretField }), EndpointView),
  /** fetches /ServiceProviderConfig and reports auth, TLS and timing findings */
  'endpoints.test': command(EndpointId, ConnectionTest),
};

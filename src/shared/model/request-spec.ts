import { z } from 'zod';
import { HttpMethod } from './exchange';

export const HeaderRow = z.object({
  name: z.string(),
  value: z.string(),
  enabled: z.boolean().default(true),
});
export type HeaderRow = z.infer<typeof HeaderRow>;

/** What the composer asks main to send. Auth comes from the endpoint, never from here. */
export const RequestSpec = z.object({
  endpointId: z.string().min(1),
  method: HttpMethod,
  /** relative to the endpoint's base URL (`/Users?filter=…`), or an absolute URL on the same origin */
  path: z.string(),
  headers: z.array(HeaderRow).default([]),
  body: z.string().optional(),
  /** values for `{{name}}` that override the endpoint's variables for this send */
  variables: z.record(z.string(), z.string()).default({}),
  /** a request of this collection: its variables (as on disk when sent) apply over the endpoint's, under `variables` */
  collectionId: z.string().min(1).optional(),
});
export type RequestSpec = z.infer<typeof RequestSpec>;

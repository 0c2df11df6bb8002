import { z } from 'zod';
import { AppError } from './errors';

/** The envelope every transport answers with. */
export const WireResult = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppError }),
]);
export type WireResult = z.infer<typeof WireResult>;

import type { AppError } from '@shared/api/errors';
import { ApiError } from '../transport/client';

/** Whatever a call threw, as the error union the UI shows. */
export const asAppError = (error: unknown): AppError =>
  error instanceof ApiError ? error.error : { kind: 'internal', message: error instanceof Error ? error.message : String(error) };

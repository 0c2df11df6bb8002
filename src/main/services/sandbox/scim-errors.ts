import { ScimError, ScimFilterError } from '@shared/scim';
import { ScimHttpError } from './errors';

/** Turns the SCIM core's errors into HTTP answers; anything else is rethrown untouched. */
export function toScimHttpError(error: unknown): unknown {
  if (error instanceof ScimHttpError) return error;
  if (error instanceof ScimFilterError) {
    const caret = `${error.text.slice(0, error.position)}⟦${error.text.slice(error.position, error.position + Math.max(1, error.length))}⟧${error.text.slice(error.position + Math.max(1, error.length))}`;
    return new ScimHttpError(400, `Invalid filter at position ${error.position}: ${error.message} (in: ${caret})`, 'invalidFilter');
  }
  if (error instanceof ScimError) return new ScimHttpError(error.status, error.message, error.scimType);
  return error;
}

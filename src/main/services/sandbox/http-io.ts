import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeByteOffset, invalidUtf8At } from '@shared/util/utf8';
import { SCIM_CONTENT_TYPE } from './constants';
import { ScimHttpError, badRequest } from './errors';

const JSON_TYPES = new Set(['application/scim+json', 'application/json']);

/** The body of a request, refused with 413 as soon as it passes `limit` bytes (nothing is buffered beyond). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(declared, limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge(size, limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

function tooLarge(size: number, limit: number): ScimHttpError {
  return new ScimHttpError(413, `The request body (${size > limit ? `over ${limit}` : size} bytes) exceeds maxPayloadSize (${limit} bytes).`);
}

/** `application/scim+json` and `application/json` are accepted (RFC 7644 §3.1); anything else is 415. */
export function checkContentType(header: string | undefined): void {
  if (header === undefined) throw new ScimHttpError(415, `A request body needs "Content-Type: ${SCIM_CONTENT_TYPE}" (or application/json); the request had none.`);
  const type = header.split(';')[0]!.trim().toLowerCase();
  if (!JSON_TYPES.has(type)) throw new ScimHttpError(415, `Content-Type "${header}" is not accepted: send ${SCIM_CONTENT_TYPE} (or application/json).`);
}

/** Parses a JSON body; a syntax error says where (line and column) and is a 400 invalidSyntax. */
export function parseJson(bytes: Buffer): unknown {
  // RFC 8259 §8.1: JSON exchanged between systems is UTF-8; decoding anything else would store U+FFFD in its place
  if (!isUtf8(bytes)) {
    const at = invalidUtf8At(bytes);
    const shown = [...bytes.subarray(at, at + 4)].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
    throw badRequest(`The request body is not valid UTF-8: the bytes at ${describeByteOffset(bytes, at)} (${shown}) are not a UTF-8 character. Send the body encoded as UTF-8 (RFC 8259 §8.1).`, 'invalidSyntax');
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw badRequest('The request body is empty; a JSON object was expected.', 'invalidSyntax');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${describeJsonError(error, text)}`, 'invalidSyntax');
  }
}

function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /position (\d+)/.exec(message);
  if (!match) return message;
  const offset = Number(match[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column} (offset ${offset})`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads, checks and parses a JSON object body. */
export async function readJsonObject(req: IncomingMessage, limit: number, what: string): Promise<Record<string, unknown>> {
  const bytes = await readBody(req, limit);
  checkContentType(req.headers['content-type']);
  const value = parseJson(bytes);
  if (!isPlainObject(value)) throw badRequest(`The ${what} must be a JSON object, not ${Array.isArray(value) ? 'an array' : typeof value}.`, 'invalidSyntax');
  return value;
}

export interface Reply {
  status: number;
  /** a prepared JSON text, or a value to serialise; absent for 204/304 */
  body?: string | object;
  headers?: Record<string, string | string[]>;
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | string[] | number> = { ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  headers['content-type'] ??= SCIM_CONTENT_TYPE;
  headers['content-length'] = Buffer.byteLength(text);
  res.writeHead(reply.status, headers).end(text);
}

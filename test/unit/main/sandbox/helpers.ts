import { startSandbox, type SandboxOptions, type SandboxServer } from '../../../../src/main/services/sandbox/sandbox';

export const SCIM = 'application/scim+json';
export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Answer {
  status: number;
  headers: Headers;
  /** parsed JSON body (undefined when empty) */
  body: Json;
  text: string;
}

export interface TestSandbox {
  sandbox: SandboxServer;
  /** a request with the bearer token; `body` objects are sent as application/scim+json */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  get(path: string, headers?: Record<string, string>): Promise<Answer>;
  close(): Promise<void>;
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ users: 20, ...options });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${sandbox.token}`, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= SCIM;
    }
    const res = await fetch(`${sandbox.baseUrl}${path}`, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text ? (JSON.parse(text) as Json) : (undefined as unknown as Json) };
  };
  return { sandbox, call, get: (path, headers) => call('GET', path, undefined, headers), close: () => sandbox.close() };
}

export function newUser(userName: string, extra: Json = {}): Json {
  return { schemas: [USER], userName, ...extra };
}

export function patchOp(...operations: Json[]): Json {
  return { schemas: [PATCH_OP], Operations: operations };
}

import { z } from 'zod';
import { Assertion } from './assertion';
import { HttpMethod } from './exchange';
import { HeaderRow } from './request-spec';

export const COLLECTION_FILE = 'collection.json';
export const FOLDER_FILE = 'folder.json';
export const REQUEST_SUFFIX = '.request.json';

export const VariableName = z.string().regex(/^[A-Za-z_][\w.-]*$/, 'letters, digits, _ . - and not starting with a digit');

/** After a request runs, store a value from its response in a variable the next requests use. */
export const Capture = z.object({
  variable: VariableName,
  from: z.enum(['body', 'header', 'status']),
  /** for `body`: a JSON path such as `id` or `Resources[0].id`; for `header`: the header name */
  path: z.string().default(''),
});
export type Capture = z.infer<typeof Capture>;

/**
 * Version 2 added `assertions` and stores a JSON body as a JSON value in the file (see
 * `SavedRequestFile`); version 1 files still load.
 */
export const SAVED_REQUEST_VERSION = 2;

/** One request of a collection, as the app works with it. Never a secret: auth comes from the endpoint chosen when it runs. */
export const SavedRequest = z.object({
  version: z.union([z.literal(1), z.literal(2)]).default(SAVED_REQUEST_VERSION),
  name: z.string().min(1).max(200),
  method: HttpMethod,
  /** relative to the endpoint's base URL; `{{variables}}` allowed */
  path: z.string(),
  headers: z.array(HeaderRow).default([]),
  /** the body as text (a JSON body formatted with two spaces when it was stored as a JSON value) */
  body: z.string().optional(),
  description: z.string().optional(),
  /** checks on the response; none: the step passes when the status is below 400 */
  assertions: z.array(Assertion).default([]),
  captures: z.array(Capture).default([]),
});
export type SavedRequest = z.infer<typeof SavedRequest>;
export type SavedRequestInput = z.input<typeof SavedRequest>;

/** A JSON object or array: how a JSON body sits in a request file, so a team's diffs show its lines. */
const JsonBodyValue = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]);

/** The body text of a body stored as a JSON value (2-space indent, as the file has it). */
export const formatJsonBody = (value: unknown): string => JSON.stringify(value, null, 2);

/**
 * One `*.request.json` file: a `SavedRequest` whose body is either text or, when the body is a
 * JSON object or array, that JSON itself (never one escaped string). Reads into a `SavedRequest`.
 */
export const SavedRequestFile = SavedRequest.extend({ body: z.union([z.string(), JsonBodyValue]).optional() }).transform(
  ({ body, ...rest }): SavedRequest => (body === undefined ? rest : { ...rest, body: typeof body === 'string' ? body : formatJsonBody(body) }),
);

/** `collection.json` at the root of a collection folder. */
export const CollectionFile = z.object({
  version: z.literal(1).default(1),
  name: z.string().min(1).max(200),
  description: z.string().optional(),
  variables: z.record(VariableName, z.string()).default({}),
  /**
   * variables whose values are credentials, kept in the OS keychain (never in a file): the requests
   * say `{{name}}`, a run or a send fills it from the keychain
   */
  secrets: z.array(VariableName).default([]),
  /** file and folder names of the root, in display order (others follow, by name) */
  order: z.array(z.string()).default([]),
});
export type CollectionFile = z.infer<typeof CollectionFile>;

/** `folder.json` in a sub-folder (optional): the order of its children. */
export const FolderFile = z.object({
  version: z.literal(1).default(1),
  description: z.string().optional(),
  order: z.array(z.string()).default([]),
});
export type FolderFile = z.infer<typeof FolderFile>;

/**
 * A folder or request of a collection, listed depth-first in display order. `id` is its path
 * relative to the collection folder with `/` separators (`users/create-user.request.json`);
 * the root folder's id is ''.
 */
export const CollectionItem = z.object({
  kind: z.enum(['folder', 'request']),
  id: z.string(),
  parentId: z.string(),
  depth: z.number().int(),
  name: z.string(),
  /** absent when the file could not be read (see `problem`) */
  request: SavedRequest.optional(),
  /** why this item's file could not be used; the collection's `problems` has the details */
  problem: z.string().optional(),
});
export type CollectionItem = z.infer<typeof CollectionItem>;

/** A file of the collection that could not be read; everything else still loads. */
export const CollectionProblem = z.object({
  /** absolute path of the file */
  file: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  message: z.string(),
});
export type CollectionProblem = z.infer<typeof CollectionProblem>;

export const CollectionSummary = z.object({
  id: z.string(),
  name: z.string(),
  /** absolute path of the collection folder */
  folder: z.string(),
  /** kept outside the data directory (a folder the user chose) */
  external: z.boolean(),
});
export type CollectionSummary = z.infer<typeof CollectionSummary>;

export const Collection = CollectionSummary.extend({
  description: z.string().optional(),
  variables: z.record(z.string(), z.string()),
  /** names of the variables kept in the OS keychain (their values never leave main) */
  secrets: z.array(z.string()).default([]),
  items: z.array(CollectionItem),
  problems: z.array(CollectionProblem),
});
export type Collection = z.infer<typeof Collection>;

export { RunStep, RunResult, RunComparison, RunSummary, StepChange, StepChecks, ScimFinding, summarizeRun } from './collection-run';

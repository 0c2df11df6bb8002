import { z } from 'zod';
import { HttpMethod } from './exchange';
import { HeaderRow } from './request-spec';

/**
 * The workbench as the user left it: open request tabs with their drafts, the active tab, the
 * layout and the endpoint picked in the switcher. Kept by main in `<dataDir>/workspace.json` (the web host's localStorage does not survive
 * a restart: it runs on a new port each time). Never holds a secret: main blanks secret headers
 * and scrubs known secret values before writing.
 */

/** The composer's operation presets. */
export const Operation = z.enum(['list', 'search', 'get', 'create', 'replace', 'patch', 'delete', 'bulk', 'raw']);
export type Operation = z.infer<typeof Operation>;

export const SortOrder = z.enum(['', 'ascending', 'descending']);
export type SortOrder = z.infer<typeof SortOrder>;

/** Query parameters of RFC 7644 §3.4.2 (and RFC 9865 cursors), as the query panel edits them. */
export const QueryDraft = z.object({
  filter: z.string().max(64 * 1024).default(''),
  attributes: z.array(z.string().max(1000)).max(500).default([]),
  excludedAttributes: z.array(z.string().max(1000)).max(500).default([]),
  sortBy: z.string().max(1000).default(''),
  sortOrder: SortOrder.default(''),
  /** 'index': startIndex/count (RFC 7644 §3.4.2.4); 'cursor': cursor/count (RFC 9865) */
  paging: z.enum(['index', 'cursor']).default('index'),
  startIndex: z.number().int().min(1).optional(),
  count: z.number().int().min(0).optional(),
  /** '' asks for the first page of cursor paging */
  cursor: z.string().max(4096).default(''),
});
export type QueryDraft = z.infer<typeof QueryDraft>;

export const MAX_DRAFT_BODY = 8 * 1024 * 1024;

/** One request as the composer holds it (auth comes from the endpoint at send time, never from here). */
export const RequestDraft = z.object({
  /** a name the user gave the tab; empty: named after method and path */
  name: z.string().max(200).default(''),
  operation: Operation.default('list'),
  /** resource type name from /ResourceTypes (`User`); empty for server-wide requests */
  resourceType: z.string().max(200).default(''),
  resourceId: z.string().max(1000).default(''),
  method: HttpMethod.default('GET'),
  /** relative to the endpoint's base URL, without the query string the query panel adds */
  path: z.string().max(8192).default(''),
  query: QueryDraft.default(QueryDraft.parse({})),
  headers: z.array(HeaderRow).max(200).default([]),
  body: z.string().max(MAX_DRAFT_BODY).default(''),
  /** the body each other kind of operation had (resource, patch, search, bulk, raw), so switching loses nothing */
  stash: z.record(z.string().max(20), z.string().max(MAX_DRAFT_BODY)).default({}),
});
export type RequestDraft = z.infer<typeof RequestDraft>;
export type RequestDraftInput = z.input<typeof RequestDraft>;

export const WorkspaceTab = z.object({
  id: z.string().min(1).max(100),
  draft: RequestDraft,
  /** the draft as it was last saved or opened: the tab shows the unsaved marker when they differ */
  baseline: RequestDraft.optional(),
  /** where the tab came from (a collection request, a history entry), for Save */
  source: z.object({ kind: z.string().max(50), id: z.string().max(500), label: z.string().max(500).optional() }).optional(),
  /** the endpoint this tab sends to; absent: the one picked in the sidebar */
  endpointId: z.string().max(200).optional(),
});
export type WorkspaceTab = z.infer<typeof WorkspaceTab>;

export const ActivityId = z.enum(['workbench', 'discovery', 'history', 'collections', 'conformance', 'settings']);
export type ActivityId = z.infer<typeof ActivityId>;

export const Layout = z.object({
  activity: ActivityId.default('workbench'),
  sidebarWidth: z.number().int().min(0).max(4000).default(280),
  /** the History view's list is wider than the other sidebars: its own width */
  historyWidth: z.number().int().min(0).max(4000).default(460),
  sidebarOpen: z.boolean().default(true),
  /** 'vertical': composer above the response; 'horizontal': side by side */
  split: z.enum(['vertical', 'horizontal']).default('vertical'),
  /** share of the workbench the composer takes, 0.15–0.85 */
  composerShare: z.number().min(0.15).max(0.85).default(0.5),
  /** the filter builder's tree under the filter text (off: the text alone) */
  filterTree: z.boolean().default(true),
});
export type Layout = z.infer<typeof Layout>;

export const WORKSPACE_VERSION = 1;
export const MAX_TABS = 100;

export const Workspace = z.object({
  version: z.literal(WORKSPACE_VERSION).default(WORKSPACE_VERSION),
  tabs: z.array(WorkspaceTab).max(MAX_TABS).default([]),
  activeTabId: z.string().max(100).optional(),
  layout: Layout.default(Layout.parse({})),
  /** the endpoint picked in the switcher (requests go there while it exists; else the default) */
  endpointId: z.string().max(200).optional(),
});
export type Workspace = z.infer<typeof Workspace>;
export type WorkspaceInput = z.input<typeof Workspace>;

export const defaultWorkspace = (): Workspace => Workspace.parse({});

import { isRecord, keyOf, schemasOf } from '../body/json-access';
import { cellText, type ColumnSpec } from './columns';

/** One resource as a table row. */
export interface TableRow {
  /** position across every listed page (0-based) */
  index: number;
  id?: string;
  /** first URN of `schemas`, to find the resource type */
  schema?: string;
  /** `meta.resourceType` */
  resourceType?: string;
  /** `meta.location` */
  location?: string;
  cells: string[];
}

export interface TableSort {
  /** index into the columns */
  column: number;
  direction: 'ascending' | 'descending';
}

export interface TableSummary {
  /** rows before the filter */
  total: number;
  /** rows after it */
  shown: number;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function rowOf(resource: unknown, index: number, columns: readonly ColumnSpec[]): TableRow {
  if (!isRecord(resource)) return { index, cells: columns.map(() => '') };
  const id = keyOf(resource, 'id');
  const meta = keyOf(resource, 'meta');
  const resourceType = isRecord(meta) ? keyOf(meta, 'resourceType') : undefined;
  const location = isRecord(meta) ? keyOf(meta, 'location') : undefined;
  const schema = schemasOf(resource)[0];
  return {
    index,
    ...(typeof id === 'string' ? { id } : {}),
    ...(schema ? { schema } : {}),
    ...(typeof resourceType === 'string' ? { resourceType } : {}),
    ...(typeof location === 'string' ? { location } : {}),
    cells: columns.map((column) => cellText(resource, column)),
  };
}

/**
 * The resources of one or more ListResponse pages as rows, filtered and sorted where they live (the body
 * worker); the page asks only for the rows it shows. A row's cells are worked out when first needed: for
 * the rows on screen, or for every row once a filter or sort needs them.
 */
export class TableModel {
  private readonly resources: unknown[] = [];
  private readonly rows: (TableRow | undefined)[];
  private order: Int32Array | undefined;

  constructor(
    pages: readonly (readonly unknown[])[],
    private readonly columns: readonly ColumnSpec[],
  ) {
    for (const page of pages) for (const resource of page) this.resources.push(resource);
    this.rows = new Array(this.resources.length);
  }

  private row(i: number): TableRow {
    return (this.rows[i] ??= rowOf(this.resources[i], i, this.columns));
  }

  /** Keeps the rows with `filter` in a cell or the id (ignoring case), in the order of `sort`. */
  apply(filter: string, sort: TableSort | undefined): TableSummary {
    const needle = filter.trim().toLowerCase();
    const total = this.resources.length;
    let picked: number[] | undefined;
    if (needle) {
      picked = [];
      for (let i = 0; i < total; i++) {
        const row = this.row(i);
        if (row.id?.toLowerCase().includes(needle) || row.cells.some((c) => c.toLowerCase().includes(needle))) picked.push(i);
      }
    }
    if (sort) {
      picked ??= Array.from({ length: total }, (_, i) => i);
      const sign = sort.direction === 'ascending' ? 1 : -1;
      const cell = (i: number) => this.row(i).cells[sort.column] ?? '';
      picked.sort((a, b) => sign * collator.compare(cell(a), cell(b)) || a - b);
    }
    this.order = picked ? Int32Array.from(picked) : undefined;
    return { total, shown: this.order ? this.order.length : total };
  }

  /** Rows `[from, to)` of the filtered, sorted table. */
  window(from: number, to: number): TableRow[] {
    const out: TableRow[] = [];
    const length = this.order ? this.order.length : this.resources.length;
    for (let i = Math.max(0, from); i < Math.min(to, length); i++) out.push(this.row(this.order ? this.order[i]! : i));
    return out;
  }
}

// meta.k8s.io/v1 Table: what `kubectl get` asks for, so the server decides the columns and cells.

import type { KObject, ListMeta } from '../types.js';
import type { ColumnDefinition } from './columns.js';
import { printerFor, type Printer } from './printers.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  includeObject?: IncludeObject;
  now?: Date;
  /** The list's metadata (resourceVersion, continue). */
  listMeta?: ListMeta;
  /** Leave columnDefinitions out (watch events after the first). */
  noHeaders?: boolean;
  /** The printer when the kind has none of its own (custom resources). */
  printer?: Printer;
}

export interface TableRow {
  cells: unknown[];
  conditions?: object[];
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ListMeta;
  columnDefinitions: ColumnDefinition[] | null;
  rows: TableRow[];
}

function rowObject(obj: KObject, include: IncludeObject): unknown {
  if (include === 'None') return null;
  if (include === 'Object') return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

export function toTable(kind: string, objects: readonly KObject[], opts: TableOptions = {}): Table {
  const printer = opts.printer ?? printerFor(kind);
  const now = opts.now ?? new Date();
  const include = opts.includeObject ?? 'Metadata';
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: opts.listMeta ?? {},
    columnDefinitions: opts.noHeaders ? null : printer.columns(),
    rows: objects.map((obj) => {
      const conditions = printer.conditions?.(obj);
      return { cells: printer.cells(obj, now), ...(conditions ? { conditions } : {}), object: rowObject(obj, include) };
    }),
  };
}

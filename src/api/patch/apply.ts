// Server-side apply and the managedFields bookkeeping of ordinary writes. Ownership is tracked per
// field path (field-set.ts); an apply that changes a value another manager owns is a conflict unless
// forced, and the fields an applier stops sending are removed when nobody else owns them.

import { ApiError } from '../errors.js';
import type { KObject, ManagedFieldsEntry } from '../types.js';
import { kindSchema, isAtomicObject, resolve, childSchema, type Schema } from '../schema/definitions.js';
import { deepEqual } from './json-patch.js';
import { FieldSet, fieldSetOf, fieldsV1Of, fromFieldsV1, listKeyValue, pathString, removeAt, toFieldsV1, valueAt, type Path } from './field-set.js';
import { rfc3339 } from '../time.js';
import { conflictsAllowedByLastApplied, syncLastApplied } from './last-applied.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ApplyOptions {
  force?: boolean;
  /** Timestamp recorded on the entries written (RFC 3339). */
  now?: string;
  subresource?: string;
}

export interface ApplyResult {
  object: KObject;
  managedFields: ManagedFieldsEntry[];
}

function schemaOf(obj: KObject): Schema | undefined {
  return obj.apiVersion && obj.kind ? kindSchema(obj.apiVersion, obj.kind) : undefined;
}

const nowIso = (o: { now?: string }) => o.now ?? rfc3339();

/** Merges `applied` over `live` the structured way: objects by key, keyed lists by item, sets as sets. */
function mergeApplied(live: unknown, applied: unknown, s: Schema | undefined): unknown {
  const r = s ? resolve(s) : undefined;
  if (isObj(applied) && isObj(live) && !(r && isAtomicObject(r))) {
    const out: Obj = { ...live };
    for (const [k, v] of Object.entries(applied)) if (v !== null) out[k] = mergeApplied(live[k], v, childSchema(s, k));
    return out;
  }
  if (Array.isArray(applied) && Array.isArray(live)) {
    const type = r?.['x-kubernetes-list-type'];
    if (type === 'set') return [...live, ...applied.filter((a) => !live.some((l) => deepEqual(l, a)))];
    if (type === 'map') {
      const keys = r!['x-kubernetes-list-map-keys'] ?? [];
      const same = (a: unknown, b: unknown) => isObj(a) && isObj(b) && keys.every((k) => deepEqual(listKeyValue(a, k), listKeyValue(b, k)));
      const out = live.map((l) => {
        const a = applied.find((x) => same(x, l));
        return a === undefined ? l : mergeApplied(l, a, r!.items);
      });
      for (const a of applied) if (!live.some((l) => same(l, a))) out.push(a);
      return out;
    }
  }
  return applied;
}

/** A value that is compared as a whole when deciding whether two managers disagree. */
const isLeafValue = (v: unknown) => !isObj(v);

function conflictMessage(conflicts: { manager: string; path: Path }[]): string {
  if (conflicts.length === 1) return `Apply failed with 1 conflict: conflict with ${conflicts[0]!.manager}: ${pathString(conflicts[0]!.path)}`;
  const byManager = new Map<string, Path[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.path]);
  const lines = [...byManager.keys()].sort().flatMap((m) => [`conflicts with ${m}:`, ...byManager.get(m)!.map((p) => `- ${pathString(p)}`)]);
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** How a conflict names a manager: `"kubectl-client-side-apply" using v1 at 2024-01-01T00:00:00Z`. */
function describeManager(e: ManagedFieldsEntry): string {
  let s = JSON.stringify(e.manager ?? '');
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += e.time ? ` using ${e.apiVersion} at ${e.time}` : ` using ${e.apiVersion}`;
  return s;
}

const sameEntry = (e: ManagedFieldsEntry, manager: string, operation: 'Apply' | 'Update', subresource?: string) =>
  e.manager === manager && e.operation === operation && (e.subresource ?? '') === (subresource ?? '');

function entry(manager: string, operation: 'Apply' | 'Update', apiVersion: string, set: FieldSet, o: ApplyOptions): ManagedFieldsEntry {
  return {
    manager,
    operation,
    apiVersion,
    time: nowIso(o),
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(set),
    ...(o.subresource ? { subresource: o.subresource } : {}),
  };
}

const compareText = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order kube-apiserver stores entries in: Apply before Update, then by time (whole seconds, as
 * stored), then by manager, apiVersion and subresource.
 */
function byUpstreamOrder(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  return compareText(p.operation, q.operation) || compareText(p.time, q.time) || compareText(p.manager, q.manager) || compareText(p.apiVersion, q.apiVersion) || compareText(p.subresource, q.subresource);
}

/** Drops empty entries and adds `mine`, in upstream's order. */
/** Another manager's entry, as a set of paths once this write may take or drop some of them. */
interface Other {
  e: ManagedFieldsEntry;
  set?: FieldSet;
}

function withEntry(others: Other[], mine: ManagedFieldsEntry): ManagedFieldsEntry[] {
  const out: ManagedFieldsEntry[] = [];
  for (const o of others) {
    if (!o.set) {
      if (Object.keys(o.e.fieldsV1 ?? {}).length) out.push(o.e);
    } else if (o.set.size > 0) out.push({ ...o.e, fieldsV1: toFieldsV1(o.set) });
  }
  if (Object.keys(mine.fieldsV1 ?? {}).length) out.push(mine);
  return out.sort(byUpstreamOrder);
}

/**
 * Server-side apply of `applied` (the whole intent of `manager`) over `live` (undefined when creating).
 * Conflicts → ApiError Conflict with FieldManagerConflict causes, unless `force` takes the fields over.
 */
export function applyPatch(live: KObject | undefined, applied: KObject, manager: string, opts: ApplyOptions = {}): ApplyResult {
  const base: KObject = live ? structuredClone(live) : { apiVersion: applied.apiVersion, kind: applied.kind, metadata: {} };
  const schema = schemaOf(applied) ?? schemaOf(base);
  const entries = base.metadata.managedFields ?? [];
  const mineIndex = entries.findIndex((e) => sameEntry(e, manager, 'Apply', opts.subresource));
  const previous = mineIndex >= 0 ? fromFieldsV1(entries[mineIndex]!.fieldsV1) : new FieldSet();
  const others = entries.filter((_, i) => i !== mineIndex).map((e) => ({ e, set: fromFieldsV1(e.fieldsV1) }));
  const appliedSet = fieldSetOf(applied as Obj, schema);

  const conflicts: { manager: string; path: Path; other: (typeof others)[number] }[] = [];
  for (const path of appliedSet) {
    const want = valueAt(applied, path);
    const have = valueAt(base, path);
    const differs = have === undefined ? false : isLeafValue(want) && !deepEqual(want, have);
    if (!differs) continue;
    for (const o of others) if (o.set.has(path) && o.e.manager !== manager) conflicts.push({ manager: describeManager(o.e), path, other: o });
  }
  // kubectl's server-side apply may take what its client-side apply set, as the annotation shows.
  const allowed = conflicts.length && !opts.force ? conflictsAllowedByLastApplied(live, manager, schema) : undefined;
  const blocking = allowed ? conflicts.filter((c) => !allowed.has(c.path)) : conflicts;
  if (blocking.length && !opts.force) {
    const causes = blocking.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${c.manager}`, field: pathString(c.path) }));
    throw new ApiError('Conflict', conflictMessage(blocking), { causes });
  }
  for (const c of conflicts) c.other.set.delete(c.path);

  const merged = mergeApplied(base, applied, schema) as KObject;
  // A field the applier stopped sending goes with everything below it, unless someone still sets some of
  // that; parents go first, so a keyed item is found by its key before its key field could be dropped.
  const held = [...appliedSet, ...others.flatMap((o) => [...o.set])];
  const stillSet = (p: Path) => held.some((q) => q.length >= p.length && p.every((pe, i) => q[i] === pe));
  const dropped = [...previous.minus(appliedSet)].filter((p) => !stillSet(p)).sort((a, b) => a.length - b.length);
  for (const p of dropped) removeAt(merged as Obj, p);

  syncLastApplied(live, merged, applied, manager);
  const managedFields = withEntry(others, entry(manager, 'Apply', applied.apiVersion ?? base.apiVersion ?? 'v1', appliedSet, opts));
  merged.metadata = { ...merged.metadata, managedFields };
  return { object: merged, managedFields };
}

/**
 * Records an ordinary write (create, update, patch) by `manager` over the `entries` it started from:
 * it takes the fields whose values it set or changed (within `scope`), and fields the write removed
 * leave every manager.
 */
export function updateManagedFields(entries: ManagedFieldsEntry[], old: KObject | undefined, next: KObject, manager: string, opts: ApplyOptions & { scope?: (p: Path) => boolean } = {}): ManagedFieldsEntry[] {
  const schema = schemaOf(next);
  const inScope = opts.scope ?? (() => true);
  if (!old && entries.length === 0) {
    // A plain create: the writer owns every field it set, and nobody else owns anything.
    const fieldsV1 = fieldsV1Of(next as Obj, schema, (pe) => inScope([pe]));
    return Object.keys(fieldsV1).length ? [{ ...entry(manager, 'Update', next.apiVersion ?? 'v1', new FieldSet(), opts), fieldsV1 }] : [];
  }
  // A top-level field the write left as it was (a Pod's spec on a status write) is not walked: its
  // fields, and who owns them, stay as they are.
  const same = new Map<string, boolean>();
  const walked = (pe: string): boolean => {
    let s = same.get(pe);
    if (s === undefined) same.set(pe, (s = !!old && deepEqual((old as Obj)[pe.slice(2)], (next as Obj)[pe.slice(2)])));
    return !s;
  };
  // Objects and lists the write brought into being are the writer's too (`.` in fieldsV1: podIPs, conditions).
  const nodes = new FieldSet();
  const after = fieldSetOf(next as Obj, schema, nodes, walked);
  const present = (p: Path, key: string) => !walked(p[0]!) || after.hasKey(key);
  const created = (p: Path) => (old ? valueAt(old, p) : undefined) == null;
  const changed = after.filter((p, key) => inScope(p) && (nodes.hasKey(key) ? created(p) : !old || !deepEqualLeaf(valueAt(old, p), valueAt(next, p))));
  const mineIndex = entries.findIndex((e) => sameEntry(e, manager, 'Update', opts.subresource));
  const mine = mineIndex >= 0 ? fromFieldsV1(entries[mineIndex]!.fieldsV1) : new FieldSet();
  // An entry with nothing under the fields walked stays as it was, unread.
  const others: Other[] = entries.filter((_, i) => i !== mineIndex).map((e) => (Object.keys(e.fieldsV1 ?? {}).some(walked) ? { e, set: fromFieldsV1(e.fieldsV1) } : { e }));
  for (const o of others) if (o.set) o.set = o.set.filter((p, key) => !changed.hasKey(key) && present(p, key));
  const owned = mine.union(changed).filter(present);
  // A manager whose write took no field keeps its entry, time and all, as upstream does.
  const unchanged = mineIndex >= 0 && changed.size === 0 && owned.size === mine.size;
  return withEntry(others, unchanged ? entries[mineIndex]! : entry(manager, 'Update', next.apiVersion ?? 'v1', owned, opts));
}

/** Leaves compare by value; objects (list items, maps) count as unchanged if both exist. */
function deepEqualLeaf(a: unknown, b: unknown): boolean {
  if (isObj(a) && isObj(b)) return true;
  return deepEqual(a, b);
}

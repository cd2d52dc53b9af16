// Field sets, the unit of ownership in server-side apply: which fields of an object a value sets, as
// paths of elements `f:<field>`, `k:{"name":"x"}` (an item of a list keyed by its map keys) and
// `v:<json>` (an item of a set), with the fieldsV1 encoding that managedFields stores.

import { childSchema, isAtomicObject, resolve, type Schema } from '../schema/definitions.js';
import { deepEqual } from './json-patch.js';

type Obj = Record<string, unknown>;
export type Path = string[];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields the server owns on every object: never part of anyone's field set. */
const SERVER_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink']);

/**
 * A path's key in a FieldSet: its elements joined by a control character, which is far cheaper than
 * JSON on every write's walk. A path whose elements hold that character (a custom resource's odd map
 * key) falls back to its JSON form, which starts with '[' where a joined one starts with an element's
 * kind letter, so the two forms never meet.
 */
function pathKey(p: Path): string {
  for (const pe of p) if (pe.includes('\u0001')) return JSON.stringify(p);
  return p.join('\u0001');
}

/** pathKey(path) for path, which is `parent` (of key parentKey) and pe, without joining it all again. */
function childKey(parentKey: string, parent: Path, pe: string, path: Path): string {
  if (parent.length === 0) return pathKey(path);
  if (parentKey[0] === '[' || pe.includes('\u0001')) return JSON.stringify(path);
  return `${parentKey}\u0001${pe}`;
}

/**
 * A set of paths. A write's walk looks the same paths up in several sets: filter hands out each path's
 * key as made once, for hasKey, rather than joining the path again for every look-up.
 */
export class FieldSet {
  readonly #paths = new Map<string, Path>();
  constructor(paths: Iterable<Path> = []) {
    for (const p of paths) this.add(p);
  }
  add(p: Path): void {
    this.#paths.set(pathKey(p), p);
  }
  /** Adds p, whose key is known (childKey's). */
  addKeyed(key: string, p: Path): void {
    this.#paths.set(key, p);
  }
  has(p: Path): boolean {
    return this.#paths.has(pathKey(p));
  }
  /** Whether the path of this key (as filter hands it out) is a member. */
  hasKey(key: string): boolean {
    return this.#paths.has(key);
  }
  delete(p: Path): void {
    this.#paths.delete(pathKey(p));
  }
  get size(): number {
    return this.#paths.size;
  }
  [Symbol.iterator](): IterableIterator<Path> {
    return this.#paths.values();
  }
  /** The paths keep accepts, each given with its key. */
  filter(keep: (p: Path, key: string) => boolean): FieldSet {
    const out = new FieldSet();
    for (const [k, p] of this.#paths) if (keep(p, k)) out.#paths.set(k, p);
    return out;
  }
  /** The paths of this set, then those of other. */
  union(other: FieldSet): FieldSet {
    const out = this.filter(() => true);
    for (const [k, p] of other.#paths) out.#paths.set(k, p);
    return out;
  }
  minus(other: FieldSet): FieldSet {
    return this.filter((_, k) => !other.hasKey(k));
  }
}

/**
 * Defaults of list-map keys, as the OpenAPI schema declares them (`protocol: TCP` on ports): an applied
 * port without a protocol is the live one with TCP, not a second port.
 */
const LIST_KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

/** An item's value for a list-map key, its default when absent. */
export function listKeyValue(o: Obj, key: string): unknown {
  return o[key] ?? LIST_KEY_DEFAULTS[key];
}

function listKeyOf(item: unknown, keys: string[]): string {
  const o = isObj(item) ? item : {};
  const picked = Object.fromEntries([...keys].sort().filter((k) => listKeyValue(o, k) !== undefined).map((k) => [k, listKeyValue(o, k)]));
  return `k:${JSON.stringify(picked)}`;
}

/**
 * The fields `value` sets, read with `schema` (unknown parts are treated as granular objects and atomic lists),
 * only under the top-level fields `walk` accepts (`f:spec`), when given. With `nodes`, every granular object
 * and list below the root is also a member of the set, and noted there (an update owns the ones it created,
 * as upstream's comparison counts them added).
 */
export function fieldSetOf(value: Obj, schema: Schema | undefined, nodes?: FieldSet, walk: (pe: string) => boolean = () => true): FieldSet {
  const out = new FieldSet();
  const node = (key: string, path: Path) => {
    out.addKeyed(key, path);
    nodes!.addKeyed(key, path);
  };
  const visit = (v: unknown, s: Schema | undefined, path: Path, key: string, self: boolean) => {
    const r = s ? resolve(s) : undefined;
    const into = (c: unknown, cs: Schema | undefined, pe: string, cself: boolean) => {
      const p = [...path, pe];
      visit(c, cs, p, childKey(key, path, pe, p), cself);
    };
    if (isObj(v)) {
      const freeForm = r && isAtomicObject(r);
      const isMap = !!r?.additionalProperties;
      if (path.length && (self || isMap || freeForm || Object.keys(v).length === 0)) out.addKeyed(key, path);
      else if (path.length && nodes) node(key, path);
      if (freeForm) return;
      for (const [k, c] of Object.entries(v)) {
        if (c === null || c === undefined) continue;
        if (path.length === 0 && (k === 'apiVersion' || k === 'kind' || !walk(`f:${k}`))) continue;
        if (path.length === 1 && path[0] === 'f:metadata' && SERVER_META.has(k)) continue;
        into(c, childSchema(s, k), `f:${k}`, false);
      }
      return;
    }
    if (Array.isArray(v)) {
      const listType = r?.['x-kubernetes-list-type'];
      if (nodes && (listType === 'map' || listType === 'set')) node(key, path);
      // A set's items are leaves: visited as values, which add their own path.
      if (listType === 'map') for (const item of v) into(item, r!.items, listKeyOf(item, r!['x-kubernetes-list-map-keys'] ?? []), true);
      else if (listType === 'set') for (const item of v) into(null, undefined, `v:${JSON.stringify(item)}`, false);
      else out.addKeyed(key, path);
      return;
    }
    out.addKeyed(key, path);
  };
  visit(value, schema, [], '', false);
  return out;
}

/**
 * toFieldsV1(fieldSetOf(value, schema)) in one walk, keeping only top-level fields `inScope` accepts: what a
 * create records for its manager, without building the set of paths first (creates are the hot path).
 */
export function fieldsV1Of(value: Obj, schema: Schema | undefined, inScope: (pe: string) => boolean = () => true): Obj {
  const build = (v: unknown, s: Schema | undefined, depth: number, self: boolean, inMeta: boolean): Obj | undefined => {
    const r = s ? resolve(s) : undefined;
    if (isObj(v)) {
      const freeForm = r && isAtomicObject(r);
      const member = depth > 0 && (self || !!r?.additionalProperties || !!freeForm || Object.keys(v).length === 0);
      if (freeForm) return member ? {} : undefined;
      const node: Obj = member ? { '.': {} } : {};
      for (const [k, c] of Object.entries(v)) {
        if (c === null || c === undefined) continue;
        if (depth === 0 && (k === 'apiVersion' || k === 'kind' || !inScope(`f:${k}`))) continue;
        if (inMeta && SERVER_META.has(k)) continue;
        const child = build(c, childSchema(s, k), depth + 1, false, depth === 0 && k === 'metadata');
        if (child) node[`f:${k}`] = child;
      }
      return finish(node, member);
    }
    if (Array.isArray(v)) {
      const listType = r?.['x-kubernetes-list-type'];
      if (listType !== 'map' && listType !== 'set') return {};
      const node: Obj = {};
      for (const item of v) {
        if (listType === 'set') node[`v:${JSON.stringify(item)}`] = {};
        else node[listKeyOf(item, r!['x-kubernetes-list-map-keys'] ?? [])] = build(item, r!.items, depth + 1, true, false) ?? {};
      }
      return finish(node, false);
    }
    return {};
  };
  return build(value, schema, 0, false, false) ?? {};
}

/** A node of the fieldsV1 tree: absent when nothing is set below it, `{}` when it is a leaf member. */
function finish(node: Obj, member: boolean): Obj | undefined {
  const keys = Object.keys(node);
  if (keys.length === (member ? 1 : 0)) return member ? {} : undefined;
  return sorted(node);
}

const KIND_ORDER = ['.', 'f', 'k', 'v', 'i'];

/** JSON values in structured-merge-diff's order: numbers by value, the rest by their text. */
function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [typeof a === 'string' ? a : JSON.stringify(a), typeof b === 'string' ? b : JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Path elements as kube-apiserver serializes them: `.` first, then fields by name, then keys, values, indexes. */
function comparePathElements(a: string, b: string): number {
  if (a[0] === 'f' && b[0] === 'f') return a < b ? -1 : a > b ? 1 : 0;
  const kind = KIND_ORDER.indexOf(a[0]!) - KIND_ORDER.indexOf(b[0]!);
  if (kind !== 0 || a[0] === '.') return kind;
  if (a[0] === 'f') return a < b ? -1 : a > b ? 1 : 0;
  const [x, y] = [elementValue(a), elementValue(b)];
  if (a[0] !== 'k' || !isObj(x) || !isObj(y)) return compareValues(x, y);
  const [kx, ky] = [Object.keys(x).sort(), Object.keys(y).sort()];
  for (let i = 0; i < Math.min(kx.length, ky.length); i++) {
    const c = compareValues(kx[i], ky[i]) || compareValues(x[kx[i]!], y[ky[i]!]);
    if (c) return c;
  }
  return kx.length - ky.length;
}

function sorted(node: Obj): Obj {
  const keys = Object.keys(node);
  if (keys.length < 2) return node;
  keys.sort(comparePathElements);
  const out: Obj = {};
  for (const k of keys) out[k] = node[k];
  return out;
}

/**
 * The value a `k:` or `v:` path element carries, parsed once: the same elements (a Pod's condition
 * types, its containers' names) come back on every write. Bounded: cleared when full.
 */
const parsedElements = new Map<string, unknown>();
function elementValue(pe: string): unknown {
  let v = parsedElements.get(pe);
  if (v === undefined) {
    if (parsedElements.size >= 10_000) parsedElements.clear();
    parsedElements.set(pe, (v = JSON.parse(pe.slice(2)) as unknown));
  }
  return v;
}

/** Where in a list the element a path element names sits (-1 when absent). */
function indexIn(list: unknown[], pe: string): number {
  const want = elementValue(pe);
  if (pe.startsWith('v:')) return list.findIndex((x) => deepEqual(x, want));
  const keys = want as Obj;
  return list.findIndex((x) => isObj(x) && Object.entries(keys).every(([k, v]) => deepEqual(listKeyValue(x, k), v)));
}

/** The value at `path`, or undefined. */
export function valueAt(obj: unknown, path: Path): unknown {
  let cur = obj;
  for (const pe of path) {
    if (pe.startsWith('f:')) cur = isObj(cur) ? cur[pe.slice(2)] : undefined;
    else cur = Array.isArray(cur) ? cur[indexIn(cur, pe)] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Removes the field or element at `path` from `obj` (mutated); absent paths are ignored. */
export function removeAt(obj: Obj, path: Path): void {
  const parent = valueAt(obj, path.slice(0, -1));
  const pe = path[path.length - 1]!;
  if (pe.startsWith('f:') && isObj(parent)) delete parent[pe.slice(2)];
  else if (Array.isArray(parent)) {
    const i = indexIn(parent, pe);
    if (i >= 0) parent.splice(i, 1);
  }
}

/** `.spec.containers[name="x"].image`, as structured-merge-diff prints a path. */
export function pathString(path: Path): string {
  return path
    .map((pe) => {
      if (pe.startsWith('f:')) return `.${pe.slice(2)}`;
      if (pe.startsWith('v:')) return `[=${pe.slice(2)}]`;
      const keys = JSON.parse(pe.slice(2)) as Obj;
      return `[${Object.entries(keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
    })
    .join('');
}

/** The fieldsV1 encoding: nested objects of path elements, `.` marking a node that is itself a member. */
export function toFieldsV1(set: FieldSet): Obj {
  const root: Obj = {};
  for (const path of set) {
    let node = root;
    for (const pe of path) node = (node[pe] ??= {}) as Obj;
    node['.'] = {};
  }
  // A leaf carries no `.`: only nodes with children say they are members themselves.
  const tidy = (n: Obj): Obj => {
    const keys = Object.keys(n);
    if (keys.length === 0 || (keys.length === 1 && keys[0] === '.')) return {};
    if (keys.length > 1) keys.sort(comparePathElements);
    const out: Obj = {};
    for (const k of keys) out[k] = k === '.' ? {} : tidy(n[k] as Obj);
    return out;
  };
  return tidy(root);
}

export function fromFieldsV1(fields: Obj | undefined): FieldSet {
  const out = new FieldSet();
  const walk = (n: Obj, path: Path, key: string) => {
    const kids = Object.keys(n).filter((k) => k !== '.');
    if (path.length && (kids.length === 0 || '.' in n)) out.addKeyed(key, path);
    for (const k of kids) {
      const p = [...path, k];
      walk(n[k] as Obj, p, childKey(key, path, k, p));
    }
  };
  walk(fields ?? {}, [], '');
  return out;
}

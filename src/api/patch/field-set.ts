// Field sets, the unit of ownership in server-side apply: which fields of an object a value sets, as
// paths of elements `f:<field>`, `k:{"name":"x"}` (an item of a list keyed by its map keys) and
// `v:<json>` (an item of a set), with the fieldsV1 encoding that managedFields stores.

import { childSchema, resolve, type Schema } from '../schema/definitions.js';
import { deepEqual } from './json-patch.js';

type Obj = Record<string, unknown>;
export type Path = string[];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields the server owns on every object: never part of anyone's field set. */
const SERVER_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink']);

/** A set of paths, keyed by their JSON form. */
export class FieldSet {
  readonly #paths = new Map<string, Path>();
  constructor(paths: Iterable<Path> = []) {
    for (const p of paths) this.add(p);
  }
  add(p: Path): void {
    this.#paths.set(JSON.stringify(p), p);
  }
  has(p: Path): boolean {
    return this.#paths.has(JSON.stringify(p));
  }
  delete(p: Path): void {
    this.#paths.delete(JSON.stringify(p));
  }
  get size(): number {
    return this.#paths.size;
  }
  [Symbol.iterator](): IterableIterator<Path> {
    return this.#paths.values();
  }
  minus(other: FieldSet): FieldSet {
    return new FieldSet([...this].filter((p) => !other.has(p)));
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
 * The fields `value` sets, read with `schema` (unknown parts are treated as granular objects and atomic
 * lists); only under the top-level fields `walk` accepts (`f:spec`), when given.
 */
export function fieldSetOf(value: Obj, schema: Schema | undefined, walk: (pe: string) => boolean = () => true): FieldSet {
  const out = new FieldSet();
  const visit = (v: unknown, s: Schema | undefined, path: Path, self: boolean) => {
    const r = s ? resolve(s) : undefined;
    if (isObj(v)) {
      const freeForm = r && !r.properties && !r.additionalProperties && r.type === 'object';
      const isMap = !!r?.additionalProperties;
      if (path.length && (self || isMap || freeForm || Object.keys(v).length === 0)) out.add(path);
      if (freeForm) return;
      for (const [k, c] of Object.entries(v)) {
        if (c === null || c === undefined) continue;
        if (path.length === 0 && (k === 'apiVersion' || k === 'kind' || !walk(`f:${k}`))) continue;
        if (path.length === 1 && path[0] === 'f:metadata' && SERVER_META.has(k)) continue;
        visit(c, childSchema(s, k), [...path, `f:${k}`], false);
      }
      return;
    }
    if (Array.isArray(v)) {
      const listType = r?.['x-kubernetes-list-type'];
      if (listType === 'map') for (const item of v) visit(item, r!.items, [...path, listKeyOf(item, r!['x-kubernetes-list-map-keys'] ?? [])], true);
      else if (listType === 'set') for (const item of v) out.add([...path, `v:${JSON.stringify(item)}`]);
      else out.add(path);
      return;
    }
    out.add(path);
  };
  visit(value, schema, [], false);
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
      const freeForm = r && !r.properties && !r.additionalProperties && r.type === 'object';
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
  return node;
}

/** Where in a list the element a path element names sits (-1 when absent). */
function indexIn(list: unknown[], pe: string): number {
  const want = JSON.parse(pe.slice(2)) as unknown;
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
    const kids = Object.keys(n).filter((k) => k !== '.');
    if (kids.length === 0) return {};
    return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, k === '.' ? {} : tidy(v as Obj)]));
  };
  return tidy(root);
}

export function fromFieldsV1(fields: Obj | undefined): FieldSet {
  const out = new FieldSet();
  const walk = (n: Obj, path: Path) => {
    const kids = Object.keys(n).filter((k) => k !== '.');
    if (path.length && (kids.length === 0 || '.' in n)) out.add(path);
    for (const k of kids) walk(n[k] as Obj, [...path, k]);
  };
  walk(fields ?? {}, []);
  return out;
}

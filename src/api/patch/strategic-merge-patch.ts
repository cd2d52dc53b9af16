// Strategic merge patch, as the API server applies what `kubectl apply` and `kubectl patch` send:
// lists tagged with a merge key merge element by element, merged primitive lists form sets, other
// lists are replaced, and the directives ($patch, $setElementOrder, $retainKeys,
// $deleteFromPrimitiveList) steer it. Merge keys come from the schema (upstream's x-kubernetes-patch-* tags).

import { ApiError } from '../errors.js';
import { childSchema, kindSchema, resolve, type Schema } from '../schema/definitions.js';
import { deepEqual } from './json-patch.js';

type Obj = Record<string, unknown>;

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (m: string) => new ApiError('BadRequest', m);

/** Applies `patch` to a copy of `original`, using the schema of `kind` (apiVersion from the object). */
export function strategicMergePatch(original: Obj, patch: Obj, kind: string): Obj {
  return strategicMergePatchInPlace(structuredClone(original), patch, kind);
}

/**
 * The same, patching `original` where it lies: for a caller whose object is its own to give away (the
 * API server's fresh parse of the stored object), which a copy of a whole Pod would only add to.
 */
export function strategicMergePatchInPlace(original: Obj, patch: Obj, kind: string): Obj {
  if (!isObj(patch)) throw bad('couldn\'t get version/kind; json parse error: patch is not a JSON object');
  const apiVersion = (patch.apiVersion ?? original.apiVersion ?? 'v1') as string;
  return mergeMap(original, patch, kindSchema(apiVersion, kind)) ?? {};
}

function listInfo(s: Schema | undefined): { merge: boolean; key?: string } {
  const strategy = s?.['x-kubernetes-patch-strategy'] ?? '';
  return { merge: strategy.split(',').includes('merge'), key: s?.['x-kubernetes-patch-merge-key'] };
}

/** Merges `patch` into `original` (owned, mutated); undefined means "delete this map". */
function mergeMap(original: Obj, patch: Obj, schema: Schema | undefined): Obj | undefined {
  const directive = patch[PATCH];
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return stripDirectives(patch, schema);
  if (directive !== undefined && directive !== 'merge') throw bad(`Unexpected patch directive: ${String(directive)}`);

  const retain = patch[RETAIN_KEYS];
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw bad('invalid patch: $retainKeys must be a list');
    for (const k of Object.keys(patch)) {
      if (!k.startsWith('$') && patch[k] !== null && !retain.includes(k)) throw bad('The $retainKeys directive must list all the fields in the patch');
    }
    for (const k of Object.keys(original)) if (!retain.includes(k)) delete original[k];
  }

  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith(DELETE_PRIMITIVE)) {
      const field = k.slice(DELETE_PRIMITIVE.length);
      const cur = original[field];
      if (Array.isArray(v) && Array.isArray(cur)) original[field] = cur.filter((x) => !v.some((d) => deepEqual(d, x)));
      continue;
    }
    if (k.startsWith('$')) continue; // $patch, $retainKeys and $setElementOrder are handled around the merge
    const sub = childSchema(schema, k);
    if (v === null) delete original[k];
    else if (isObj(v)) {
      const merged = isObj(original[k]) ? mergeMap(original[k] as Obj, v, sub) : mergeMap({}, v, sub);
      if (merged === undefined) delete original[k];
      else original[k] = merged;
    } else if (Array.isArray(v)) {
      original[k] = mergeList(Array.isArray(original[k]) ? (original[k] as unknown[]) : [], v, sub);
    } else original[k] = v;
  }

  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith(SET_ORDER)) continue;
    const field = k.slice(SET_ORDER.length);
    if (!Array.isArray(order)) throw bad(`invalid patch: ${k} must be a list`);
    const list = original[field];
    if (Array.isArray(list)) original[field] = reorder(list, order, listInfo(childSchema(schema, field)).key);
  }
  return original;
}

function mergeList(original: unknown[], patch: unknown[], schema: Schema | undefined): unknown[] {
  const { merge, key } = listInfo(schema);
  const items = schema ? resolve(schema).items : undefined;
  if (!merge) return patch.map((p) => (isObj(p) ? stripDirectives(p, items) : p));
  if (!key) {
    // A merged list of primitives is a set: keep what is there, add what is new.
    const out = [...original];
    for (const p of patch) if (!out.some((x) => deepEqual(x, p))) out.push(p);
    return out;
  }
  if (patch.some((p) => isObj(p) && p[PATCH] === 'replace' && Object.keys(p).length === 1)) {
    return patch.filter((p) => !(isObj(p) && p[PATCH] === 'replace')).map((p) => (isObj(p) ? stripDirectives(p, items) : p));
  }
  const out = [...original];
  for (const p of patch) {
    if (!isObj(p)) throw bad(`found non-map element in a list with merge key ${key}`);
    if (!(key in p)) throw bad(`map: ${JSON.stringify(p)} does not contain declared merge key: ${key}`);
    const i = out.findIndex((x) => isObj(x) && deepEqual(x[key], p[key]));
    if (p[PATCH] === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) {
      const merged = mergeMap(out[i] as Obj, p, items);
      if (merged === undefined) out.splice(i, 1);
      else out[i] = merged;
    } else {
      const fresh = mergeMap({}, p, items);
      if (fresh !== undefined) out.push(fresh);
    }
  }
  return out;
}

/** Orders `list` by `order` (merge-key values or primitives); elements not named keep their place. */
function reorder(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const id = (x: unknown) => (key && isObj(x) ? x[key] : x);
  const rank = (x: unknown) => order.findIndex((o) => deepEqual(id(o), id(x)));
  const named = list.filter((x) => rank(x) >= 0).sort((a, b) => rank(a) - rank(b));
  const out: unknown[] = [];
  let n = 0;
  for (const x of list) out.push(rank(x) >= 0 ? named[n++] : x);
  return out;
}

/** A value from a patch placed where nothing was before: directives are applied to nothing. */
function stripDirectives(v: Obj, schema: Schema | undefined): Obj {
  const { [PATCH]: _p, ...rest } = v;
  return mergeMap({}, rest, schema) ?? {};
}

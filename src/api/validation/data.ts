// The key/value payload shared by ConfigMaps and Secrets: valid keys, a 1 MiB total, and the
// `immutable` flag that freezes it.
import type { Cause } from '../errors.js';
import { FieldPath, forbidden, invalidEach, invalidValue } from './field.js';
import { isConfigMapKey } from './names.js';

/** etcd's request limit leaves room for 1 MiB of payload per object. */
export const MAX_DATA_SIZE = 1024 * 1024;

export function validateKeys(map: Record<string, string> | undefined, path: FieldPath): Cause[] {
  return Object.keys(map ?? {}).flatMap((k) => invalidEach(path.key(k), k, isConfigMapKey(k)));
}

/** Keys present in both maps; a key may be in one of them only. */
export function validateDisjoint(first: Record<string, string> | undefined, second: Record<string, string> | undefined, secondPath: FieldPath): Cause[] {
  return Object.keys(second ?? {}).filter((k) => first && k in first).map((k) => invalidValue(secondPath.key(k), k, 'duplicate of key present in data'));
}

/** Once `immutable: true`, the flag stays and the payload fields do not change. */
export function validateImmutableData(next: Record<string, unknown>, old: Record<string, unknown>, fields: string[]): Cause[] {
  if (!old.immutable) return [];
  const msg = 'field is immutable when `immutable` is set';
  const causes: Cause[] = [];
  if (!next.immutable) causes.push(forbidden(FieldPath.root('immutable'), msg));
  for (const f of fields) {
    if (JSON.stringify(next[f] ?? {}) !== JSON.stringify(old[f] ?? {})) causes.push(forbidden(FieldPath.root(f), msg));
  }
  return causes;
}

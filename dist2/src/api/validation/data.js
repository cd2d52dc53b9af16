import { FieldPath, forbidden, invalidEach, invalidValue } from './field.js';
import { isConfigMapKey } from './names.js';
/** etcd's request limit leaves room for 1 MiB of payload per object. */
export const MAX_DATA_SIZE = 1024 * 1024;
export function validateKeys(map, path) {
    return Object.keys(map ?? {}).flatMap((k) => invalidEach(path.key(k), k, isConfigMapKey(k)));
}
/** Keys present in both maps; a key may be in one of them only. */
export function validateDisjoint(first, second, secondPath) {
    return Object.keys(second ?? {}).filter((k) => first && k in first).map((k) => invalidValue(secondPath.key(k), k, 'duplicate of key present in data'));
}
/** Once `immutable: true`, the flag stays and the payload fields do not change. */
export function validateImmutableData(next, old, fields) {
    if (!old.immutable)
        return [];
    const msg = 'field is immutable when `immutable` is set';
    const causes = [];
    if (!next.immutable)
        causes.push(forbidden(FieldPath.root('immutable'), msg));
    for (const f of fields) {
        if (JSON.stringify(next[f] ?? {}) !== JSON.stringify(old[f] ?? {}))
            causes.push(forbidden(FieldPath.root(f), msg));
    }
    return causes;
}
//# sourceMappingURL=data.js.map
// kubectl's client-side apply annotation as server-side apply keeps it (upstream's last-applied manager
// and updater): only for the field manager "kubectl", and only on objects that already carry it. An apply
// may take fields the annotation shows were applied client-side, and the annotation then follows it, so
// `kubectl apply` can move between client- and server-side apply without conflicts.
import { deepEqual } from './json-patch.js';
import { fieldSetOf, valueAt } from './field-set.js';
import { validateAnnotations } from '../validation/meta.js';
import { FieldPath } from '../validation/field.js';
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** The manager kubectl's server-side apply uses by default: the only one the annotation is kept for. */
const KUBECTL = 'kubectl';
const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
function lastAppliedOf(live) {
    const text = live?.metadata.annotations?.[LAST_APPLIED];
    if (!text)
        return undefined;
    try {
        const v = JSON.parse(text);
        return isObj(v) && v.apiVersion === live.apiVersion ? v : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * The fields `manager` may take from others without forcing: those the annotation sets to the value the
 * live object still has. Empty unless the manager is kubectl and the annotation is there.
 */
export function conflictsAllowedByLastApplied(live, manager, schema) {
    if (manager !== KUBECTL)
        return undefined;
    const last = lastAppliedOf(live);
    if (!last)
        return undefined;
    const set = fieldSetOf(last, schema);
    for (const p of [...set])
        if (!sameAt(last, live, p))
            set.delete(p);
    return set;
}
function sameAt(a, b, p) {
    const x = valueAt(a, p);
    const y = valueAt(b, p);
    if (x === undefined || y === undefined)
        return false;
    return isObj(x) && isObj(y) ? true : deepEqual(x, y);
}
/** After kubectl's apply over `live`, the annotation (if live had one) becomes the applied configuration. */
export function syncLastApplied(live, merged, applied, manager) {
    if (manager !== KUBECTL || !live?.metadata.annotations?.[LAST_APPLIED])
        return;
    const config = structuredClone(applied);
    const annotations = config.metadata?.annotations;
    if (annotations)
        delete annotations[LAST_APPLIED];
    const next = { ...merged.metadata.annotations, [LAST_APPLIED]: `${goJson(config)}\n` };
    // Left out when it would make the annotations invalid (too large), as upstream does.
    if (validateAnnotations(next, FieldPath.root('metadata').child('annotations')).length)
        delete next[LAST_APPLIED];
    merged.metadata.annotations = next;
}
/** JSON as Go's encoding/json writes a decoded map: keys sorted, and <, > and & escaped. */
export function goJson(v) {
    const sortKeys = (x) => {
        if (Array.isArray(x))
            return x.map(sortKeys);
        if (!isObj(x))
            return x;
        return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sortKeys(x[k])]));
    };
    return JSON.stringify(sortKeys(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
//# sourceMappingURL=last-applied.js.map
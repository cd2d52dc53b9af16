// Semantic equality of API objects, as apiequality.Semantic.DeepEqual sees them: key order does not
// matter, and an absent field equals null or an empty list.
function normalize(v) {
    if (Array.isArray(v))
        return v.map(normalize);
    if (v && typeof v === 'object') {
        const out = {};
        for (const k of Object.keys(v).sort()) {
            const x = v[k];
            if (x === undefined || x === null || (Array.isArray(x) && x.length === 0))
                continue;
            out[k] = normalize(x);
        }
        return out;
    }
    return v;
}
/** JSON with sorted keys and empty fields dropped: equal strings for semantically equal values. */
export function canonicalJson(v) {
    return JSON.stringify(normalize(v ?? null));
}
export function semanticEqual(a, b) {
    return canonicalJson(a) === canonicalJson(b);
}
/** The top-level keys whose values differ, sorted. */
export function changedKeys(a, b) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].filter((k) => !semanticEqual(a[k], b[k])).sort();
}
//# sourceMappingURL=equal.js.map
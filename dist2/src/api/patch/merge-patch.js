// JSON merge patch (RFC 7386): objects merge key by key, null deletes, anything else replaces.
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
export function jsonMergePatch(target, patch) {
    if (!isObject(patch))
        return patch;
    const out = isObject(target) ? { ...target } : {};
    for (const [k, v] of Object.entries(patch)) {
        if (v === null)
            delete out[k];
        else
            out[k] = jsonMergePatch(out[k], v);
    }
    return out;
}
//# sourceMappingURL=merge-patch.js.map
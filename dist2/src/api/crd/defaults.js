// Structural defaulting: a field a CRD schema gives a `default:` is set when absent (a null the
// schema does not allow counts as absent), at every depth, as the apiextensions-apiserver defaults on every decode.
function fill(value, s) {
    if (value === null || typeof value !== 'object')
        return;
    if (Array.isArray(value)) {
        if (s.items)
            for (const v of value)
                fill(v, s.items);
        return;
    }
    const o = value;
    for (const [k, p] of Object.entries(s.properties ?? {})) {
        // A null the schema does not allow is dropped (then defaulted), as upstream prunes such nulls.
        if (o[k] === null && !p.nullable)
            delete o[k];
        if (p.default !== undefined && o[k] === undefined)
            o[k] = structuredClone(p.default);
        if (o[k] !== undefined)
            fill(o[k], p);
    }
    if (typeof s.additionalProperties === 'object') {
        for (const k of Object.keys(o))
            if (!s.properties?.[k])
                fill(o[k], s.additionalProperties);
    }
}
/** Fills obj's absent fields (in place) with the defaults schema declares. */
export function applySchemaDefaults(obj, schema) {
    fill(obj, schema);
}
//# sourceMappingURL=defaults.js.map
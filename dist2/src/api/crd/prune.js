// Pruning: fields a structural schema does not declare are dropped from a custom resource, except
// below x-kubernetes-preserve-unknown-fields, as the apiextensions-apiserver does before storing.
// The dropped paths are what fieldValidation=Strict/Warn reports as unknown fields.
const EMBEDDED_KEEP = new Set(['apiVersion', 'kind', 'metadata']);
function prune(value, s, path, out, embedded) {
    if (value === null || typeof value !== 'object')
        return;
    if (Array.isArray(value)) {
        if (s.items)
            value.forEach((v, i) => prune(v, s.items, `${path}[${i}]`, out, false));
        return;
    }
    const o = value;
    const additional = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
    for (const k of Object.keys(o)) {
        const p = s.properties?.[k] ?? additional;
        const here = path ? `${path}.${k}` : k;
        if (p)
            prune(o[k], p, here, out, !!p['x-kubernetes-embedded-resource']);
        else if (!(embedded && EMBEDDED_KEEP.has(k)) && !s['x-kubernetes-preserve-unknown-fields'] && s.additionalProperties !== true) {
            delete o[k];
            out.push(here);
        }
    }
}
/**
 * Removes from obj (in place) every field schema does not know; returns their paths
 * (`spec.foo`, `spec.items[0].bar`). apiVersion, kind and metadata are the root's own.
 */
export function pruneUnknown(obj, schema) {
    const out = [];
    prune(obj, schema, '', out, true);
    return out;
}
//# sourceMappingURL=prune.js.map
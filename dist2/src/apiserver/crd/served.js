// What one CRD serves: per served version, the resource (as the routing, discovery and OpenAPI see
// every resource), its schema, printer columns and scale paths.
import { ALL_VERBS } from '../../api/schema/resources.js';
import { jsonPathValues } from '../../api/jsonpath.js';
export { CLEANUP_FINALIZER } from '../../api/validation/crd.js';
export function isEstablished(crd) {
    return !!crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
}
/** Kubernetes' version order: GA before beta before alpha, higher numbers first, others by name last. */
export function compareVersions(a, b) {
    const rank = (v) => {
        const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
        if (!m)
            return [3, 0, 0, v];
        return [m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2, -Number(m[1]), -Number(m[3] ?? 0), v];
    };
    const [x, y] = [rank(a), rank(b)];
    for (let i = 0; i < 3; i++)
        if (x[i] !== y[i])
            return x[i] - y[i];
    return x[3] < y[3] ? -1 : x[3] > y[3] ? 1 : 0;
}
/** The served versions of crd, in Kubernetes' version order (the first is the preferred one). */
export function servedVersions(crd) {
    const { group, names, scope } = crd.spec;
    const accepted = crd.status?.acceptedNames ?? names;
    return crd.spec.versions
        .filter((v) => v.served)
        .sort((a, b) => compareVersions(a.name, b.name))
        .map((v) => ({
        resource: {
            group,
            version: v.name,
            kind: accepted.kind,
            listKind: accepted.listKind ?? `${accepted.kind}List`,
            plural: accepted.plural,
            singular: accepted.singular ?? accepted.kind.toLowerCase(),
            namespaced: scope === 'Namespaced',
            shortNames: accepted.shortNames ?? [],
            categories: accepted.categories ?? [],
            verbs: ALL_VERBS,
            subresources: [...(v.subresources?.status ? ['status'] : []), ...(v.subresources?.scale ? ['scale'] : [])],
        },
        version: v,
        schema: v.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        storage: v.storage,
        crd,
    }));
}
/**
 * Custom resources select by metadata.name, metadata.namespace when namespaced, and the version's
 * selectableFields (named by their path without the leading dot; an absent field reads as ""), as upstream.
 */
export function customFieldRules(v) {
    const meta = v.resource.namespaced ? ['metadata.name', 'metadata.namespace'] : ['metadata.name'];
    const declared = (v.version.selectableFields ?? []).map((f) => ({ name: f.jsonPath.replace(/^\./, ''), path: f.jsonPath }));
    return {
        allowed: new Set([...meta, ...declared.map((f) => f.name)]),
        unsupported: (f) => `field label not supported: ${f}`,
        fields: (o) => {
            const out = { 'metadata.name': o.metadata.name ?? '' };
            if (v.resource.namespaced)
                out['metadata.namespace'] = o.metadata.namespace ?? '';
            for (const f of declared) {
                const value = jsonPathValues(o, f.path)[0];
                out[f.name] = value === undefined || value === null ? '' : String(value);
            }
            return out;
        },
    };
}
//# sourceMappingURL=served.js.map
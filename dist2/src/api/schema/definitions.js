// The schemas of the served kinds, taken from Kubernetes' published OpenAPI documents (upstream.ts):
// field names, types, descriptions, required fields, patch strategies and merge keys, list types and
// map keys, and each kind's group/version/kind, as upstream states them. Everything that needs a schema
// (strict field validation, typed decoding, strategic merge patch, server-side apply, OpenAPI v2/v3,
// explain, table column docs) reads it from here.
import { RESOURCES } from './resources.js';
import { KUBERNETES_SCHEMA_RELEASE, upstreamSchemas } from './upstream.js';
const REF_PREFIX = '#/components/schemas/';
/** The definitions served beyond RESOURCES' kinds and lists: subresource bodies and meta kinds. */
const EXTRA_ROOTS = [
    { group: 'policy', version: 'v1', kind: 'Eviction' },
    { group: 'autoscaling', version: 'v1', kind: 'Scale' },
    { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' },
    ...['Status', 'DeleteOptions', 'WatchEvent'].map((kind) => ({ group: '', version: 'v1', kind })),
];
/** The last segment of a definition name, as error messages use it. */
export function shortName(definition) {
    return definition.slice(definition.lastIndexOf('.') + 1);
}
const gvkKey = (g) => `${g.group}/${g.version}/${g.kind}`;
/**
 * An upstream v3 schema in berth's v2-shaped model, as upstream's own swagger.json states it: `$ref`
 * (bare, or the `allOf` v3 wraps a described reference in) becomes `ref`; a definition that is one of
 * several primitives (IntOrString, Quantity) is a string with its format; v3's defaults (the Go zero
 * values the v3 generator adds) are left out, as v2 leaves them.
 */
function toModel(u) {
    const out = {};
    for (const [k, v] of Object.entries(u)) {
        if (k === '$ref')
            out.ref = v.slice(REF_PREFIX.length);
        else if (k === 'allOf')
            out.ref = v[0].$ref.slice(REF_PREFIX.length);
        else if (k === 'oneOf')
            out.type = 'string';
        else if (k === 'default')
            continue;
        else if (k === 'items' || k === 'additionalProperties')
            out[k] = toModel(v);
        else if (k === 'properties')
            out[k] = Object.fromEntries(Object.entries(v).map(([n, p]) => [n, toModel(p)]));
        else
            out[k] = v;
    }
    return out;
}
let cache;
function build() {
    const roots = [...EXTRA_ROOTS];
    for (const r of RESOURCES) {
        roots.push(r);
        if (r.verbs.includes('list'))
            roots.push({ ...r, kind: r.listKind });
    }
    // Every schema of the documents of the roots' group-versions (a schema shared between documents is
    // the same in each), and which one each group/version/kind names.
    const pool = new Map();
    const named = new Map();
    for (const gv of new Set(roots.map((r) => `${r.group}/${r.version}`))) {
        const [group, version] = gv.split('/');
        const schemas = upstreamSchemas(group, version);
        if (!schemas)
            throw new Error(`Kubernetes ${KUBERNETES_SCHEMA_RELEASE} publishes no OpenAPI for ${gv || version}`);
        for (const [name, s] of Object.entries(schemas)) {
            if (pool.has(name))
                continue;
            pool.set(name, s);
            for (const g of s['x-kubernetes-group-version-kind'] ?? [])
                if (!named.has(gvkKey(g)))
                    named.set(gvkKey(g), name);
        }
    }
    // The served definitions: the roots' and everything they reach.
    const defs = new Map();
    const add = (name) => {
        if (defs.has(name))
            return;
        const u = pool.get(name);
        if (!u)
            throw new Error(`Kubernetes ${KUBERNETES_SCHEMA_RELEASE} OpenAPI refers to ${name}, which it does not define`);
        const s = toModel(u);
        defs.set(name, s);
        visitRefs(s, add);
    };
    const byGvk = new Map();
    for (const r of roots) {
        const name = named.get(gvkKey(r));
        if (!name)
            throw new Error(`Kubernetes ${KUBERNETES_SCHEMA_RELEASE} OpenAPI defines no ${r.kind} in ${r.group || 'core'}/${r.version}`);
        add(name);
        byGvk.set(gvkKey(r), name);
    }
    return { defs, byGvk };
}
/** Calls f with the name of every definition s refers to directly. */
function visitRefs(s, f) {
    if (s.ref)
        f(s.ref);
    if (s.items)
        visitRefs(s.items, f);
    if (s.additionalProperties)
        visitRefs(s.additionalProperties, f);
    for (const p of Object.values(s.properties ?? {}))
        visitRefs(p, f);
}
/** Every definition, by its OpenAPI name (`io.k8s.api.core.v1.Pod`). Built once. */
export function definitions() {
    return (cache ??= build()).defs;
}
/** The definition name for an apiVersion and kind (`v1`, `Pod`), if served. */
export function definitionOf(apiVersion, kind) {
    // Both come from request bodies (a patch may set them to anything): only strings name a kind.
    if (typeof apiVersion !== 'string' || typeof kind !== 'string')
        return undefined;
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return (cache ??= build()).byGvk.get(`${group}/${version}/${kind}`);
}
/**
 * The custom resources' definitions, which crd/openapi.ts builds from their CRDs in this same model; the
 * CRD catalog of the server in this process provides them, current as CRDs come and go.
 */
let customDefinitions = () => new Map();
export function provideCustomDefinitions(f) {
    customDefinitions = f;
}
/** Follows a `ref` to the schema it names (a built-in definition or a custom resource's). */
export function resolve(s) {
    return s.ref ? definitions().get(s.ref) ?? customDefinitions().get(s.ref) ?? {} : s;
}
/**
 * An object server-side apply sets, merges and owns whole: one the schema says nothing inside of
 * (RawExtension, FieldsV1), or one upstream marks x-kubernetes-map-type: atomic (a LabelSelector, a
 * LocalObjectReference).
 */
export function isAtomicObject(r) {
    if (r['x-kubernetes-map-type'] === 'atomic')
        return true;
    return r.type === 'object' && !r.properties && !r.additionalProperties && !r['x-kubernetes-preserve-unknown-fields'];
}
/** The schema of field `key` inside an object of schema `s` (a declared field or a map value). */
export function childSchema(s, key) {
    if (!s)
        return undefined;
    const r = resolve(s);
    return r.properties?.[key] ?? r.additionalProperties;
}
/** The schema of a served kind's whole object, built-in or custom, if known. */
export function kindSchema(apiVersion, kind) {
    const def = definitionOf(apiVersion, kind) ?? customDefinitionOf(apiVersion, kind);
    return def ? { ref: def } : undefined;
}
function customDefinitionOf(apiVersion, kind) {
    if (typeof apiVersion !== 'string' || typeof kind !== 'string')
        return undefined;
    for (const [name, s] of customDefinitions()) {
        if (s['x-kubernetes-group-version-kind']?.some((g) => (g.group ? `${g.group}/${g.version}` : g.version) === apiVersion && g.kind === kind))
            return name;
    }
    return undefined;
}
//# sourceMappingURL=definitions.js.map
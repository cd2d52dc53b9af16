// /openapi/v3: an index of group-versions, each with its own OpenAPI 3.0 document. kubectl 1.27+
// reads these for `explain` and to see that PATCH declares fieldValidation (then it leaves field
// validation to the server and skips downloading v2).
import { createHash } from 'node:crypto';
import { definitions } from '../../api/schema/definitions.js';
import { groupVersions } from '../../api/schema/resources.js';
import { KUBERNETES_VERSION } from '../discovery.js';
import { QUERY_PARAMS, pathSpecs } from './operations.js';
const PATCH_DEF = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
const ref = (name) => `#/components/schemas/${name}`;
/** A schema in v3 form: a described reference is wrapped in allOf so its description survives. */
function v3Schema(s) {
    if (s.ref) {
        const { ref: name, ...rest } = s;
        return Object.keys(rest).length ? { ...rest, allOf: [{ $ref: ref(name) }] } : { $ref: ref(name) };
    }
    const out = {};
    for (const [k, v] of Object.entries(s)) {
        if (k === 'items' || k === 'additionalProperties')
            out[k] = v3Schema(v);
        else if (k === 'properties')
            out[k] = Object.fromEntries(Object.entries(v).map(([n, p]) => [n, v3Schema(p)]));
        else
            out[k] = v;
    }
    return out;
}
const builtIn = (name) => definitions().get(name);
/** The definitions a document needs: everything reachable from its operations. */
function reachable(roots, lookup) {
    const seen = new Set();
    const visit = (s) => {
        if (!s)
            return;
        if (s.ref && !seen.has(s.ref)) {
            seen.add(s.ref);
            visit(lookup(s.ref));
        }
        visit(s.items);
        visit(s.additionalProperties);
        for (const p of Object.values(s.properties ?? {}))
            visit(p);
    };
    for (const r of roots)
        visit({ ref: r });
    return [...seen].sort();
}
function operation(o) {
    const content = (schema, types) => Object.fromEntries(types.map((t) => [t, { schema }]));
    const out = {
        tags: [o.gvk.group ? `${o.gvk.group.split('.')[0]}_${o.gvk.version}` : `core_${o.gvk.version}`],
        description: o.description,
        operationId: o.operationId,
        parameters: o.query.map((q) => ({ name: q, in: 'query', description: QUERY_PARAMS[q].description, schema: { type: QUERY_PARAMS[q].type, uniqueItems: true } })),
        responses: {
            '200': { description: 'OK', content: content(o.response === 'string' ? { type: 'string' } : { $ref: ref(o.response) }, o.produces) },
            '401': { description: 'Unauthorized' },
        },
        'x-kubernetes-action': o.action,
        'x-kubernetes-group-version-kind': o.gvk,
    };
    if (o.body) {
        const body = o.body === 'Patch' ? PATCH_DEF : o.body;
        out.requestBody = { content: content({ $ref: ref(body) }, o.body === 'Patch' ? o.consumes : ['*/*']), required: true };
    }
    return out;
}
function pathItem(p) {
    const item = {
        parameters: [
            ...p.pathParams.map((n) => ({ name: n, in: 'path', description: n === 'name' ? 'name of the object' : 'object name and auth scope, such as for teams and projects', required: true, schema: { type: 'string', uniqueItems: true } })),
            { name: 'pretty', in: 'query', description: QUERY_PARAMS.pretty.description, schema: { type: 'string', uniqueItems: true } },
        ],
    };
    for (const o of p.operations)
        item[o.method] = operation(o);
    return item;
}
/** The index key of a group-version: `api/v1`, `apis/coordination.k8s.io/v1`. */
const indexKey = (gv) => (gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`);
const documents = new Map();
/** The custom group-versions' documents, for one generation of the extras. */
let customDocuments;
function build(key, extras) {
    const builtInGv = groupVersions().find((g) => indexKey(g) === key);
    const gv = builtInGv ?? extras?.groupVersions.find((g) => indexKey(g) === key);
    if (!gv)
        return undefined;
    const groupVersion = gv.group ? `${gv.group}/${gv.version}` : gv.version;
    const specs = builtInGv ? pathSpecs(groupVersion) : extras.paths.filter((p) => p.groupVersion === groupVersion);
    const lookup = builtInGv ? builtIn : (name) => extras.definitions.get(name) ?? builtIn(name);
    const paths = {};
    const roots = new Set();
    for (const p of specs) {
        paths[p.path] = pathItem(p);
        for (const o of p.operations)
            for (const d of [o.body, o.response])
                if (d && d !== 'string' && d !== 'Patch')
                    roots.add(d);
    }
    const schemas = Object.fromEntries(reachable([...roots], lookup).map((n) => [n, v3Schema(lookup(n))]));
    schemas[PATCH_DEF] = { description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.', type: 'object' };
    const { major, minor, patch } = KUBERNETES_VERSION;
    const doc = { openapi: '3.0.0', info: { title: 'Kubernetes', version: `v${major}.${minor}.${patch}` }, paths, components: { schemas } };
    const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128).toUpperCase();
    return { doc, hash };
}
function entry(key, extras) {
    let e = documents.get(key);
    if (e)
        return e;
    if (extras?.groupVersions.some((g) => indexKey(g) === key)) {
        if (customDocuments?.generation !== extras.generation)
            customDocuments = { generation: extras.generation, docs: new Map() };
        e = customDocuments.docs.get(key);
        if (!e) {
            e = build(key, extras);
            if (e)
                customDocuments.docs.set(key, e);
        }
        return e;
    }
    e = build(key);
    if (e)
        documents.set(key, e);
    return e;
}
/** `GET /openapi/v3`: `{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"}, …}}`. */
export function openapiV3Index(extras) {
    const paths = {};
    for (const gv of [...groupVersions(), ...(extras?.groupVersions ?? [])]) {
        const key = indexKey(gv);
        paths[key] ??= { serverRelativeURL: `/openapi/v3/${key}?hash=${entry(key, extras).hash}` };
    }
    return { paths };
}
/** `GET /openapi/v3/<gv>` (`api/v1`, `apis/events.k8s.io/v1`), or undefined when not served. */
export function openapiV3Document(gv, extras) {
    return entry(gv.replace(/^\/+|\/+$/g, ''), extras)?.doc;
}
//# sourceMappingURL=v3.js.map
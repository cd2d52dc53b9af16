// /openapi/v2: the Swagger 2.0 document as JSON, and as the gnostic protobuf kubectl downloads for
// client-side validation and for deciding whether the server validates fields itself.
import protobuf from 'protobufjs';
import { definitions } from '../../api/schema/definitions.js';
import { KUBERNETES_VERSION } from '../discovery.js';
import { OPENAPI_V2_PROTO } from './gnostic-proto.js';
import { QUERY_PARAMS, pathSpecs } from './operations.js';
const PATCH_DEF = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
/** A schema in v2 form: `ref` becomes `$ref: #/definitions/…`. */
export function v2Schema(s) {
    const out = {};
    for (const [k, v] of Object.entries(s)) {
        if (k === 'ref')
            out.$ref = `#/definitions/${v}`;
        else if (k === 'items' || k === 'additionalProperties')
            out[k] = v2Schema(v);
        else if (k === 'properties')
            out[k] = Object.fromEntries(Object.entries(v).map(([n, p]) => [n, v2Schema(p)]));
        else
            out[k] = v;
    }
    return out;
}
function operation(o) {
    const parameters = [];
    if (o.body)
        parameters.push({ name: 'body', in: 'body', required: true, schema: { $ref: `#/definitions/${o.body === 'Patch' ? PATCH_DEF : o.body}` } });
    for (const q of o.query)
        parameters.push({ uniqueItems: true, type: QUERY_PARAMS[q].type, description: QUERY_PARAMS[q].description, name: q, in: 'query' });
    return {
        description: o.description,
        consumes: o.consumes,
        produces: o.produces,
        schemes: ['https'],
        tags: [o.gvk.group ? `${o.gvk.group.split('.')[0]}_${o.gvk.version}` : `core_${o.gvk.version}`],
        operationId: o.operationId,
        ...(parameters.length ? { parameters } : {}),
        responses: {
            '200': { description: 'OK', schema: o.response === 'string' ? { type: 'string' } : { $ref: `#/definitions/${o.response}` } },
            '401': { description: 'Unauthorized' },
        },
        'x-kubernetes-action': o.action,
        'x-kubernetes-group-version-kind': o.gvk,
    };
}
function pathItem(p) {
    const item = {};
    for (const o of p.operations)
        item[o.method] = operation(o);
    item.parameters = [
        ...p.pathParams.map((n) => ({ uniqueItems: true, type: 'string', description: n === 'name' ? 'name of the object' : 'object name and auth scope, such as for teams and projects', name: n, in: 'path', required: true })),
        { uniqueItems: true, type: 'string', description: QUERY_PARAMS.pretty.description, name: 'pretty', in: 'query' },
    ];
    return item;
}
let v2json;
/** The document with the custom resources of one generation. */
let extended;
/** The Swagger document: the built-in kinds, and the custom resources extras describes. */
export function openapiV2Json(extras) {
    const base = builtInDocument();
    if (!extras?.paths.length)
        return base;
    if (extended?.generation !== extras.generation) {
        const definitions = { ...base.definitions };
        for (const [name, s] of extras.definitions)
            definitions[name] = v2Schema(s);
        const paths = { ...base.paths };
        for (const p of extras.paths)
            paths[p.path] = pathItem(p);
        extended = { generation: extras.generation, doc: { ...base, paths, definitions } };
    }
    return extended.doc;
}
function builtInDocument() {
    if (v2json)
        return v2json;
    const defs = {};
    for (const [name, s] of [...definitions()].sort(([a], [b]) => a.localeCompare(b)))
        defs[name] = v2Schema(s);
    defs[PATCH_DEF] = { description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.', type: 'object' };
    const paths = {};
    for (const p of pathSpecs())
        paths[p.path] = pathItem(p);
    const { major, minor, patch } = KUBERNETES_VERSION;
    v2json = { swagger: '2.0', info: { title: 'Kubernetes', version: `v${major}.${minor}.${patch}` }, paths, definitions: defs };
    return v2json;
}
/* ---- the gnostic protobuf form ---- */
const root = protobuf.parse(OPENAPI_V2_PROTO, { keepCase: true }).root;
const Document = root.lookupType('openapi.v2.Document');
const namedAny = (name, value) => ({ name, value: { yaml: `${JSON.stringify(value)}\n` } }); // JSON is YAML
const extensions = (o) => Object.entries(o).filter(([k]) => k.startsWith('x-')).map(([k, v]) => namedAny(k, v));
function gSchema(s) {
    const out = {};
    if (s.$ref)
        out._ref = s.$ref;
    if (s.format)
        out.format = s.format;
    if (s.description)
        out.description = s.description;
    if (s.required)
        out.required = s.required;
    if (s.type)
        out.type = { value: [s.type] };
    if (s.items)
        out.items = { schema: [gSchema(s.items)] };
    if (s.additionalProperties)
        out.additional_properties = { schema: gSchema(s.additionalProperties) };
    if (s.properties)
        out.properties = { additional_properties: Object.entries(s.properties).map(([name, v]) => ({ name, value: gSchema(v) })) };
    const ext = extensions(s);
    if (ext.length)
        out.vendor_extension = ext;
    return out;
}
function gParameter(p) {
    if (p.in === 'body')
        return { parameter: { body_parameter: { name: p.name, in: p.in, required: p.required, schema: gSchema(p.schema) } } };
    const common = { required: !!p.required, in: p.in, description: p.description, name: p.name, type: p.type };
    return { parameter: { non_body_parameter: p.in === 'path' ? { path_parameter_sub_schema: common } : { query_parameter_sub_schema: { ...common, unique_items: true } } } };
}
function gOperation(o) {
    const responses = Object.entries(o.responses).map(([name, r]) => ({
        name,
        value: { response: { description: r.description, ...(r.schema ? { schema: { schema: gSchema(r.schema) } } : {}) } },
    }));
    return {
        tags: o.tags, description: o.description, operation_id: o.operationId, produces: o.produces, consumes: o.consumes, schemes: o.schemes,
        parameters: (o.parameters ?? []).map(gParameter),
        responses: { response_code: responses },
        vendor_extension: extensions(o),
    };
}
function gnosticDocument(doc) {
    const paths = Object.entries(doc.paths).map(([name, item]) => {
        const value = { parameters: item.parameters.map(gParameter) };
        for (const m of ['get', 'put', 'post', 'delete', 'patch'])
            if (item[m])
                value[m] = gOperation(item[m]);
        return { name, value };
    });
    return {
        swagger: doc.swagger,
        info: doc.info,
        paths: { path: paths },
        definitions: { additional_properties: Object.entries(doc.definitions).map(([name, s]) => ({ name, value: gSchema(s) })) },
    };
}
/**
 * The Content-Type to answer the protobuf form with. Clients ask with `…spec.v2@v1.0+protobuf`, but Go's
 * MIME parser rejects the `@`, so the answer names it with a dot, as Kubernetes does.
 */
export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
let v2proto;
/** `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`: openapi_v2.Document, built once per generation. */
export function openapiV2Protobuf(extras) {
    const encode = (doc) => Document.encode(Document.fromObject(gnosticDocument(doc))).finish();
    const doc = openapiV2Json(extras);
    if (extended && doc === extended.doc)
        return (extended.proto ??= encode(doc));
    return (v2proto ??= encode(doc));
}
/** Decodes the protobuf form (for tests and tools). */
export function decodeOpenapiV2(bytes) {
    return Document.toObject(Document.decode(bytes), { defaults: false });
}
//# sourceMappingURL=v2.js.map
// The OpenAPI of the custom resources served now: per version a definition named as upstream names it
// (`com.example.v1.Widget`: the group reversed) holding the CRD's schema with apiVersion, kind and
// metadata, its list, and their paths. The v2 and v3 documents add these to the built-in ones, so
// `kubectl explain` and `kubectl apply` know a custom kind as soon as its CRD is established.
import { definitions } from '../../api/schema/definitions.js';
import { resourcePaths } from '../openapi/operations.js';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
/** `stable.example.com`, `v1`, `CronTab` → `com.example.stable.v1.CronTab`. */
export function definitionName(group, version, kind) {
    return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}
/** How a built-in kind describes its metadata field. */
const metadataDoc = () => definitions().get('io.k8s.api.core.v1.Pod')?.properties?.metadata?.description;
function kindSchema(v) {
    const { group, version, kind } = v.resource;
    const { properties = {}, ...rest } = v.schema;
    const { metadata: _metadata, apiVersion: _apiVersion, kind: _kind, ...fields } = properties;
    return {
        ...rest,
        type: 'object',
        properties: {
            apiVersion: { type: 'string', description: API_VERSION_DOC },
            kind: { type: 'string', description: KIND_DOC },
            metadata: { ref: `${META}.ObjectMeta`, description: metadataDoc() },
            ...fields,
        },
        'x-kubernetes-group-version-kind': [{ group, version, kind }],
    };
}
function listSchema(v, def) {
    const { group, version, listKind, kind } = v.resource;
    return {
        description: `${listKind} is a list of ${kind}`,
        type: 'object',
        required: ['items'],
        properties: {
            apiVersion: { type: 'string', description: API_VERSION_DOC },
            items: { type: 'array', description: `List of ${v.resource.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`, items: { ref: def } },
            kind: { type: 'string', description: KIND_DOC },
            metadata: { ref: `${META}.ListMeta`, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
        },
        'x-kubernetes-group-version-kind': [{ group, version, kind: listKind }],
    };
}
const API_VERSION_DOC = 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND_DOC = 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
/** The extras for these served versions. */
export function openApiExtras(versions, generation) {
    const defs = new Map();
    const paths = [];
    const gvs = new Map();
    for (const v of versions) {
        const { group, version, kind, listKind } = v.resource;
        const def = definitionName(group, version, kind);
        const listDef = definitionName(group, version, listKind);
        defs.set(def, kindSchema(v));
        defs.set(listDef, listSchema(v, def));
        for (const p of resourcePaths(v.resource, { def, listDef })) {
            // Custom resources take no strategic merge patch.
            for (const o of p.operations)
                o.consumes = o.consumes.filter((c) => c !== 'application/strategic-merge-patch+json');
            paths.push(p);
        }
        gvs.set(`${group}/${version}`, { group, version });
    }
    return { generation, definitions: defs, paths, groupVersions: [...gvs.values()] };
}
//# sourceMappingURL=openapi.js.map
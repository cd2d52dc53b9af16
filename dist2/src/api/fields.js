const str = (v) => (v === undefined || v === null ? '' : String(v));
const bool = (v) => (v ? 'true' : 'false');
const KIND_FIELDS = {
    Pod: (o) => {
        const p = o;
        return {
            'spec.nodeName': str(p.spec?.nodeName),
            'spec.restartPolicy': str(p.spec?.restartPolicy),
            'spec.schedulerName': str(p.spec?.schedulerName),
            'spec.serviceAccountName': str(p.spec?.serviceAccountName),
            'spec.hostNetwork': bool(p.spec?.hostNetwork),
            'status.phase': str(p.status?.phase),
            // The first of podIPs is the primary IP, which is what status.podIP holds.
            'status.podIP': str(p.status?.podIPs?.[0]?.ip ?? p.status?.podIP),
            'status.nominatedNodeName': str(p.status?.nominatedNodeName),
        };
    },
    Event: (o) => {
        const e = o;
        const io = e.involvedObject ?? {};
        return {
            'involvedObject.kind': str(io.kind),
            'involvedObject.namespace': str(io.namespace),
            'involvedObject.name': str(io.name),
            'involvedObject.uid': str(io.uid),
            'involvedObject.apiVersion': str(io.apiVersion),
            'involvedObject.resourceVersion': str(io.resourceVersion),
            'involvedObject.fieldPath': str(io.fieldPath),
            reason: str(e.reason),
            reportingComponent: str(e.reportingComponent),
            source: str(e.source?.component),
            type: str(e.type),
        };
    },
    Node: (o) => ({ 'spec.unschedulable': bool(o.spec?.unschedulable) }),
    Secret: (o) => ({ type: str(o.type) }),
    Namespace: (o) => ({ 'status.phase': str(o.status?.phase) }),
    // A signer watches only the requests addressed to it.
    CertificateSigningRequest: (o) => ({ 'spec.signerName': str(o.spec?.signerName) }),
};
const META_FIELDS = ['metadata.name', 'metadata.namespace'];
// Built once per kind from a blank object, so the allowed set can never drift from fieldsOf().
const allowedCache = new Map();
export function fieldsOf(kind, obj) {
    return {
        'metadata.name': str(obj.metadata?.name),
        'metadata.namespace': str(obj.metadata?.namespace),
        ...KIND_FIELDS[kind]?.(obj),
    };
}
export function allowedFieldSelectors(kind) {
    let set = allowedCache.get(kind);
    if (!set) {
        set = new Set([...META_FIELDS, ...Object.keys(KIND_FIELDS[kind]?.({ metadata: {} }) ?? {})]);
        allowedCache.set(kind, set);
    }
    return set;
}
/**
 * Kinds with their own field label conversion say "field label not supported"; the rest fall back to
 * the generic metadata-only conversion, which words it differently.
 */
export function unsupportedFieldMessage(kind, field) {
    return kind in KIND_FIELDS
        ? `field label not supported: ${field}`
        : `${JSON.stringify(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`;
}
//# sourceMappingURL=fields.js.map
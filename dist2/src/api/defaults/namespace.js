export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
export function defaultNamespace(ns) {
    ns.spec ??= {};
    ns.spec.finalizers ??= ['kubernetes'];
    ns.status = { ...ns.status, phase: 'Active' };
    if (ns.metadata.name)
        ns.metadata.labels = { ...ns.metadata.labels, [NAMESPACE_NAME_LABEL]: ns.metadata.name };
}
//# sourceMappingURL=namespace.js.map
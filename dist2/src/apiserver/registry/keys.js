// Where each object lives in the store: /registry/<resource>/<namespace>/<name>, the layout
// kube-apiserver uses in etcd (named groups are prefixed by the group).
export function resourcePrefix(r) {
    // events.k8s.io Events are the same objects as core Events, as in Kubernetes.
    const group = r.group === '' || r.group === 'events.k8s.io' ? '' : `${r.group}/`;
    return `/registry/${group}${r.plural}/`;
}
export function objectKey(r, namespace, name) {
    return r.namespaced ? `${resourcePrefix(r)}${namespace}/${name}` : `${resourcePrefix(r)}${name}`;
}
/** Prefix of every key in one namespace (or all, when namespace is empty). */
export function scanPrefix(r, namespace) {
    return r.namespaced && namespace ? `${resourcePrefix(r)}${namespace}/` : resourcePrefix(r);
}
//# sourceMappingURL=keys.js.map
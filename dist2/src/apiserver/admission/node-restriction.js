// NodeRestriction admission, as upstream's plugin: what a kubelet may write, beyond what the node
// authorizer lets it attempt. A node may change only its own Node (never its taints, its config
// source, or labels in the node-restriction.kubernetes.io/ namespace or kubernetes.io/k8s.io labels
// other than the kubelet's own), its own Lease, the status of Pods bound to it, delete or evict Pods
// bound to it, and create mirror Pods of itself that reference nothing else.
import { forbidden, notFound } from '../../api/errors.js';
import { deepEqual } from '../../api/patch/json-patch.js';
import { nodeNameOf } from '../auth/identity.js';
import { MIRROR_POD_ANNOTATION, visitPodReferences } from '../auth/pod-references.js';
/** Labels a kubelet may set on its Node, and label namespaces (with their subdomains) it may use. */
const KUBELET_LABELS = new Set([
    'kubernetes.io/hostname',
    'topology.kubernetes.io/zone',
    'topology.kubernetes.io/region',
    'failure-domain.beta.kubernetes.io/zone',
    'failure-domain.beta.kubernetes.io/region',
    'beta.kubernetes.io/instance-type',
    'node.kubernetes.io/instance-type',
    'kubernetes.io/os',
    'kubernetes.io/arch',
    'beta.kubernetes.io/os',
    'beta.kubernetes.io/arch',
]);
const KUBELET_LABEL_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];
const NODE_RESTRICTION_NAMESPACE = 'node-restriction.kubernetes.io';
/** Upstream names admission operations in capitals. */
const OPERATION = { create: 'CREATE', update: 'UPDATE', delete: 'DELETE' };
const inDomain = (ns, domain) => ns === domain || ns.endsWith(`.${domain}`);
const labelNamespace = (key) => (key.includes('/') ? key.slice(0, key.indexOf('/')) : '');
function isKubeletLabel(key) {
    return KUBELET_LABELS.has(key) || KUBELET_LABEL_NAMESPACES.some((d) => inDomain(labelNamespace(key), d));
}
/** Label keys a node may not add, change or remove, among those that differ between a and b. */
export function forbiddenLabels(a = {}, b = {}) {
    const changed = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => a[k] !== b[k]));
    return [...changed]
        .filter((k) => {
        const ns = labelNamespace(k);
        const kubernetes = inDomain(ns, 'kubernetes.io') || inDomain(ns, 'k8s.io');
        return inDomain(ns, NODE_RESTRICTION_NAMESPACE) || (kubernetes && !isKubeletLabel(k));
    })
        .sort();
}
/** Taints compared as Go compares them: absent and empty are the same. */
function sameTaints(a, b) {
    const norm = (t) => (t ?? []).map((x) => ({ key: x.key ?? '', value: x.value ?? '', effect: x.effect ?? '', timeAdded: x.timeAdded ?? null }));
    return deepEqual(norm(a), norm(b));
}
function configSourceOf(n) {
    return n.spec?.configSource;
}
/**
 * The admission check for one resource, used as its strategy's admit hook. nodeUid looks up a Node's
 * uid (a mirror Pod's owner must be its node as it is now).
 */
export function nodeRestriction(resource, nodeUid) {
    const check = resource.group === '' && resource.plural === 'pods' ? admitPod : resource.group === '' && resource.plural === 'nodes' ? admitNode : resource.group === 'coordination.k8s.io' && resource.plural === 'leases' ? admitLease : undefined;
    if (!check)
        return undefined;
    return (verb, obj, old, ctx, subresource) => {
        const node = nodeNameOf(ctx.user);
        if (node === null)
            return;
        const target = obj ?? old;
        const refuse = (why) => forbidden(resource.plural, target?.metadata.name, why, resource.group);
        if (node === '')
            throw refuse(`could not determine node from user "${ctx.user.name}"`);
        const why = check({ node, verb, obj, old, subresource, nodeUid });
        if (why)
            throw refuse(why);
    };
}
/** Each check returns why the request is refused, or nothing. */
function admitPod(r) {
    const { node } = r;
    const old = r.old;
    switch (r.subresource ?? '') {
        case '':
            if (r.verb === 'create')
                return admitMirrorPod(r);
            if (r.verb === 'delete')
                return old?.spec.nodeName === node ? undefined : `node "${node}" can only delete pods with spec.nodeName set to itself`;
            return `unexpected operation "${OPERATION[r.verb] ?? r.verb}", node "${node}" can only create and delete mirror pods`;
        case 'status':
            if (r.verb !== 'update')
                return `unexpected operation "${OPERATION[r.verb] ?? r.verb}"`;
            if (old?.spec.nodeName !== node)
                return `node "${node}" can only update pod status for pods with spec.nodeName set to itself`;
            if (!deepEqual(old.metadata.labels ?? {}, r.obj?.metadata.labels ?? {}))
                return `node "${node}" cannot update labels through pod status`;
            return undefined;
        case 'eviction':
            return old?.spec.nodeName === node ? undefined : `node ${node} can only evict pods with spec.nodeName set to itself`;
        default:
            return `unexpected pod subresource "${r.subresource}", only 'status' and 'eviction' are allowed`;
    }
}
function admitMirrorPod(r) {
    const { node } = r;
    const pod = r.obj;
    if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] === undefined)
        return `pod does not have "${MIRROR_POD_ANNOTATION}" annotation, node "${node}" can only create mirror pods`;
    if (pod.spec?.nodeName !== node)
        return `node "${node}" can only create pods with spec.nodeName set to itself`;
    const owners = pod.metadata.ownerReferences ?? [];
    if (owners.length > 1)
        return `node "${node}" can only create pods with a single owner reference set to itself`;
    const owner = owners[0];
    if (!owner || owner.apiVersion !== 'v1' || owner.kind !== 'Node' || owner.name !== node)
        return `node "${node}" can only create pods with an owner reference set to itself`;
    if (owner.controller !== true)
        return `node "${node}" can only create pods with a controller owner reference set to itself`;
    if (owner.blockOwnerDeletion === true)
        return `node "${node}" must not set blockOwnerDeletion on an owner reference`;
    const uid = r.nodeUid(node);
    if (uid === undefined)
        throw notFound('nodes', node);
    if (owner.uid !== uid)
        return `node ${node} UID mismatch: expected ${owner.uid} got ${uid}`;
    // A node must not gain access to other objects by making a Pod that names them.
    if (pod.spec.serviceAccountName)
        return `node "${node}" can not create pods that reference a service account`;
    const referenced = new Set();
    visitPodReferences(pod, (res) => referenced.add(res));
    if (referenced.has('secrets'))
        return `node "${node}" can not create pods that reference secrets`;
    if (referenced.has('configmaps'))
        return `node "${node}" can not create pods that reference configmaps`;
    const projected = (pod.spec.volumes ?? []).some((v) => (v.projected?.sources ?? []).some((s) => s?.clusterTrustBundle));
    if (projected)
        return `node "${node}" can not create pods that reference clustertrustbundles`;
    if ((pod.spec.volumes ?? []).some((v) => v.persistentVolumeClaim))
        return `node "${node}" can not create pods that reference persistentvolumeclaims`;
    return undefined;
}
function admitNode(r) {
    const { node } = r;
    const name = (r.obj ?? r.old)?.metadata.name ?? '';
    if (name !== node)
        return `node "${node}" is not allowed to modify node "${name}"`;
    const next = r.obj;
    if (r.verb === 'create' && next) {
        if (configSourceOf(next) != null)
            return `node "${node}" is not allowed to create pods with a non-nil configSource`;
        const labels = forbiddenLabels(next.metadata.labels, undefined);
        if (labels.length)
            return `node "${node}" is not allowed to set the following labels: ${labels.join(', ')}`;
    }
    if (r.verb === 'update' && next) {
        const old = r.old;
        const source = configSourceOf(next);
        if (source != null && !deepEqual(source, configSourceOf(old)))
            return `node "${node}" is not allowed to update configSource to a new non-nil configSource`;
        if (!sameTaints(next.spec?.taints, old.spec?.taints))
            return `node "${node}" is not allowed to modify taints`;
        const labels = forbiddenLabels(next.metadata.labels, old.metadata.labels);
        // Upstream's message names no node here.
        if (labels.length)
            return `is not allowed to modify labels: ${labels.join(', ')}`;
    }
    return undefined;
}
function admitLease(r) {
    const lease = r.obj ?? r.old;
    if (lease?.metadata.namespace !== 'kube-node-lease')
        return `can only access leases in the "kube-node-lease" system namespace`;
    if (lease.metadata.name !== r.node)
        return 'can only access node lease with the same name as the requesting node';
    return undefined;
}
//# sourceMappingURL=node-restriction.js.map
// The node authorizer, as upstream's (1.32, AuthorizeNodeWithSelectors on): a kubelet reads only its
// own Node, the Pods bound to it, and the Secrets, ConfigMaps and claims those Pods reference; it may
// create tokens only for its Pods' service accounts and touch only its own Lease. Everything else a
// node may do comes from the system:node rules; whatever neither grants is refused, with upstream's
// reason when it gives one. What a node may write is narrowed further by NodeRestriction admission.
import { nodeRulesAllow } from './node-rules.js';
const ALLOW = { allowed: true, reason: '' };
const deny = (reason = '') => ({ allowed: false, reason });
const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export function authorizeNode(node, a, graph) {
    if (node === '')
        return deny(`unknown node for user "system:node:"`);
    const group = a.resource.group;
    const plural = a.resource.plural;
    if (group === '') {
        switch (plural) {
            case 'secrets':
            case 'configmaps':
                return readNamespacedObject(node, plural, a, graph);
            case 'persistentvolumeclaims':
                return a.subresource === 'status' ? statusUpdate(node, a, graph) : getRelated(node, plural, a, graph);
            case 'persistentvolumes':
                if (a.verb !== 'get')
                    return deny('can only get individual resources of this type');
                if (a.subresource)
                    return deny('cannot get subresource');
                if (!a.name)
                    return deny('No Object name found');
                return graph.volumeRelated(node, a.name) ? ALLOW : deny(`no relationship found between node '${node}' and this object`);
            case 'serviceaccounts':
                return createToken(node, a, graph);
            case 'nodes':
                return nodeObject(node, a);
            case 'pods':
                return podObject(node, a, graph);
        }
    }
    else if (group === 'coordination.k8s.io' && plural === 'leases') {
        return lease(node, a);
    }
    return nodeRulesAllow(a) ? ALLOW : deny();
}
function related(node, type, a, graph) {
    if (!a.name)
        return deny('No Object name found');
    return graph.related(node, type, a.namespace ?? '', a.name) ? ALLOW : deny(`no relationship found between node '${node}' and this object`);
}
function readNamespacedObject(node, type, a, graph) {
    if (!['get', 'list', 'watch'].includes(a.verb))
        return deny('can only read resources of this type');
    if (a.subresource)
        return deny('cannot read subresource');
    if (!a.namespace)
        return deny('can only read namespaced object of this type');
    return related(node, type, a, graph);
}
function getRelated(node, type, a, graph) {
    if (a.verb !== 'get')
        return deny('can only get individual resources of this type');
    if (a.subresource)
        return deny('cannot get subresource');
    return related(node, type, a, graph);
}
function statusUpdate(node, a, graph) {
    if (a.verb !== 'update' && a.verb !== 'patch')
        return deny('can only get/update/patch this type');
    return related(node, 'persistentvolumeclaims', a, graph);
}
function createToken(node, a, graph) {
    if (a.verb !== 'create' || !a.name)
        return deny('can only create tokens for individual service accounts');
    if (a.subresource !== 'token')
        return deny('can only create token subresource of serviceaccount');
    return related(node, 'serviceaccounts', a, graph);
}
function lease(node, a) {
    if (!['get', 'create', 'update', 'patch', 'delete'].includes(a.verb))
        return deny('can only get, create, update, patch, or delete a node lease');
    if (a.namespace !== NODE_LEASE_NAMESPACE)
        return deny(`can only access leases in the "${NODE_LEASE_NAMESPACE}" system namespace`);
    // A create names no object: NodeRestriction checks the Lease's own name.
    if (a.verb !== 'create' && a.name !== node)
        return deny('can only access node lease with the same name as the requesting node');
    return ALLOW;
}
function nodeObject(node, a) {
    if (!a.subresource) {
        // Which Node a write may touch is NodeRestriction's to decide.
        if (['create', 'update', 'patch'].includes(a.verb))
            return ALLOW;
        if (['get', 'list', 'watch'].includes(a.verb)) {
            // By name, not through the graph, so a kubelet can look for its Node before creating it.
            if (a.name === node)
                return ALLOW;
            return deny(a.name ? `node '${node}' cannot read '${a.name}', only its own Node object` : `node '${node}' cannot read all nodes, only its own Node object`);
        }
    }
    else if (a.subresource === 'status' && (a.verb === 'update' || a.verb === 'patch')) {
        return ALLOW;
    }
    return deny();
}
function podObject(node, a, graph) {
    switch (a.subresource ?? '') {
        case '':
            if (a.verb === 'get')
                return getRelated(node, 'pods', a, graph);
            if (a.verb === 'list' || a.verb === 'watch') {
                if (a.fieldRequirements?.some((r) => r.field === 'spec.nodeName' && r.operator === '=' && r.value === node))
                    return ALLOW;
                if (a.name)
                    return related(node, 'pods', a, graph);
                return deny('can only list/watch pods with spec.nodeName field selector');
            }
            // Mirror Pods; NodeRestriction limits both to Pods bound to this node.
            if (a.verb === 'create' || a.verb === 'delete')
                return ALLOW;
            break;
        case 'status':
            if (a.verb === 'update' || a.verb === 'patch')
                return ALLOW;
            break;
        case 'eviction':
            if (a.verb === 'create')
                return ALLOW;
            break;
    }
    // exec, attach, portforward, log, proxy, binding: never a node's.
    return deny();
}
//# sourceMappingURL=node-authorizer.js.map
// What every node may do where the node authorizer does not look closer: the rules of upstream's
// system:node ClusterRole (RBAC bootstrap policy, NodeRules()) for Kubernetes 1.32 with its default
// features. Kinds berth does not serve are kept so the table reads as upstream's does.
import { ruleAllows } from './rbac-rules.js';
const READ = ['get', 'list', 'watch'];
const NODE_RULES = [
    // Non-mutating checks of API access.
    { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
    { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews', 'localsubjectaccessreviews'], verbs: ['create'] },
    // Service environment variables.
    { apiGroups: [''], resources: ['services'], verbs: READ },
    // Registration and status; NodeRestriction limits a node to its own Node.
    { apiGroups: [''], resources: ['nodes'], verbs: ['create', 'get', 'list', 'watch'] },
    { apiGroups: [''], resources: ['nodes/status'], verbs: ['update', 'patch'] },
    { apiGroups: [''], resources: ['nodes'], verbs: ['update', 'patch'] },
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'update', 'patch'] },
    // Pods; NodeRestriction limits writes to the node's own Pods (and mirror Pods).
    { apiGroups: [''], resources: ['pods'], verbs: READ },
    { apiGroups: [''], resources: ['pods'], verbs: ['create', 'delete'] },
    { apiGroups: [''], resources: ['pods/status'], verbs: ['update', 'patch'] },
    { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
    // The node authorizer narrows these to the objects the node's Pods reference.
    { apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: READ },
    { apiGroups: [''], resources: ['persistentvolumeclaims', 'persistentvolumes'], verbs: ['get'] },
    { apiGroups: [''], resources: ['endpoints'], verbs: ['get'] },
    { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], verbs: ['create', 'get', 'list', 'watch'] },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update', 'patch', 'delete'] },
    { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments'], verbs: ['get'] },
    { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
    { apiGroups: [''], resources: ['persistentvolumeclaims/status'], verbs: ['get', 'update', 'patch'] },
    { apiGroups: ['storage.k8s.io'], resources: ['csidrivers'], verbs: READ },
    { apiGroups: ['storage.k8s.io'], resources: ['csinodes'], verbs: ['get', 'create', 'update', 'patch', 'delete'] },
    { apiGroups: ['node.k8s.io'], resources: ['runtimeclasses'], verbs: READ },
];
/** Whether system:node's rules grant the request. */
export function nodeRulesAllow(a) {
    return NODE_RULES.some((r) => ruleAllows(r, a));
}
//# sourceMappingURL=node-rules.js.map
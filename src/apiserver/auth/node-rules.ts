// What every node may do where the node authorizer does not look closer: the rules of upstream's
// system:node ClusterRole (RBAC bootstrap policy, NodeRules()) for Kubernetes 1.32 with its default
// features. Kinds berth does not serve are kept so the table reads as upstream's does.

export interface PolicyRule {
  group: string;
  /** `plural` or `plural/subresource`. */
  resources: string[];
  verbs: string[];
}

const READ = ['get', 'list', 'watch'];

const NODE_RULES: readonly PolicyRule[] = [
  // Non-mutating checks of API access.
  { group: 'authentication.k8s.io', resources: ['tokenreviews'], verbs: ['create'] },
  { group: 'authorization.k8s.io', resources: ['subjectaccessreviews', 'localsubjectaccessreviews'], verbs: ['create'] },
  // Service environment variables.
  { group: '', resources: ['services'], verbs: READ },
  // Registration and status; NodeRestriction limits a node to its own Node.
  { group: '', resources: ['nodes'], verbs: ['create', 'get', 'list', 'watch'] },
  { group: '', resources: ['nodes/status'], verbs: ['update', 'patch'] },
  { group: '', resources: ['nodes'], verbs: ['update', 'patch'] },
  { group: '', resources: ['events'], verbs: ['create', 'update', 'patch'] },
  // Pods; NodeRestriction limits writes to the node's own Pods (and mirror Pods).
  { group: '', resources: ['pods'], verbs: READ },
  { group: '', resources: ['pods'], verbs: ['create', 'delete'] },
  { group: '', resources: ['pods/status'], verbs: ['update', 'patch'] },
  { group: '', resources: ['pods/eviction'], verbs: ['create'] },
  // The node authorizer narrows these to the objects the node's Pods reference.
  { group: '', resources: ['secrets', 'configmaps'], verbs: READ },
  { group: '', resources: ['persistentvolumeclaims', 'persistentvolumes'], verbs: ['get'] },
  { group: '', resources: ['endpoints'], verbs: ['get'] },
  { group: 'certificates.k8s.io', resources: ['certificatesigningrequests'], verbs: ['create', 'get', 'list', 'watch'] },
  { group: 'coordination.k8s.io', resources: ['leases'], verbs: ['get', 'create', 'update', 'patch', 'delete'] },
  { group: 'storage.k8s.io', resources: ['volumeattachments'], verbs: ['get'] },
  { group: '', resources: ['serviceaccounts/token'], verbs: ['create'] },
  { group: '', resources: ['persistentvolumeclaims/status'], verbs: ['get', 'update', 'patch'] },
  { group: 'storage.k8s.io', resources: ['csidrivers'], verbs: READ },
  { group: 'storage.k8s.io', resources: ['csinodes'], verbs: ['get', 'create', 'update', 'patch', 'delete'] },
  { group: 'node.k8s.io', resources: ['runtimeclasses'], verbs: READ },
];

/** Whether rules grant verb on group/resource (resource as `plural[/subresource]`). */
export function rulesAllow(rules: readonly PolicyRule[], verb: string, group: string, resource: string): boolean {
  return rules.some((r) => r.group === group && r.resources.includes(resource) && r.verbs.includes(verb));
}

/** Whether system:node's rules grant verb on group/resource (resource as `plural[/subresource]`). */
export function nodeRulesAllow(verb: string, group: string, resource: string): boolean {
  return rulesAllow(NODE_RULES, verb, group, resource);
}

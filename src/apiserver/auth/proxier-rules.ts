// What each node's Service proxy may do: upstream's system:node-proxier ClusterRole, which its RBAC
// bootstrap policy binds to the user system:kube-proxy. The proxy reads Services and endpoints of
// every namespace and reports Events; it writes nothing else.

import { rulesAllow, type PolicyRule } from './node-rules.js';

export const KUBE_PROXY_USER = 'system:kube-proxy';

const READ = ['list', 'watch'];

const NODE_PROXIER_RULES: readonly PolicyRule[] = [
  { group: '', resources: ['endpoints', 'services'], verbs: READ },
  { group: '', resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
  { group: '', resources: ['events'], verbs: ['create', 'patch', 'update'] },
  { group: 'events.k8s.io', resources: ['events'], verbs: ['create', 'patch', 'update'] },
  { group: 'discovery.k8s.io', resources: ['endpointslices'], verbs: READ },
];

/** Whether system:node-proxier's rules grant verb on group/resource (resource as `plural[/subresource]`). */
export function nodeProxierRulesAllow(verb: string, group: string, resource: string): boolean {
  return rulesAllow(NODE_PROXIER_RULES, verb, group, resource);
}

// What each node's cluster DNS may do: upstream's system:coredns ClusterRole, which CoreDNS's
// ServiceAccount holds. berth's DNS runs in the node's process as the user system:kube-dns (upstream's
// name for the cluster DNS's account) and reads Services, endpoints, Pods and namespaces; it writes nothing.

import { rulesAllow, type PolicyRule } from './node-rules.js';

export const KUBE_DNS_USER = 'system:kube-dns';

const READ = ['list', 'watch'];

const COREDNS_RULES: readonly PolicyRule[] = [
  { group: '', resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: READ },
  { group: 'discovery.k8s.io', resources: ['endpointslices'], verbs: READ },
];

/** Whether system:coredns's rules grant verb on group/resource (resource as `plural[/subresource]`). */
export function corednsRulesAllow(verb: string, group: string, resource: string): boolean {
  return rulesAllow(COREDNS_RULES, verb, group, resource);
}

// What berth's own node components may do, each under its own user, as upstream's RBAC bootstrap
// policy grants them (until berth serves RBAC, these are fixed). Each reads only what it needs,
// cluster-wide, since a kubelet's own identity may not list beyond its node.

import type { Attributes } from './attributes.js';
import { rulesAllow, type PolicyRule } from './node-rules.js';

/** The node's Service proxy: upstream binds system:node-proxier to this user. */
export const KUBE_PROXY_USER = 'system:kube-proxy';
/** The node's cluster DNS (upstream's name for its account): CoreDNS's system:coredns rules. */
export const KUBE_DNS_USER = 'system:kube-dns';
/** The node's NetworkPolicy enforcer: a read-only role like network plugins' service accounts hold. */
export const NETWORK_POLICY_AGENT = 'system:berth:network-policy-agent';
/** The node's local-path provisioner: the rules of k3s's local-path-provisioner-role. */
export const LOCAL_PATH_PROVISIONER_USER = 'system:berth:local-path-provisioner';

const READ = ['list', 'watch'];
const GET_READ = ['get', 'list', 'watch'];
const WRITE_EVENTS = ['create', 'patch', 'update'];

const RULES: Readonly<Record<string, readonly PolicyRule[]>> = {
  [KUBE_PROXY_USER]: [
    { group: '', resources: ['endpoints', 'services'], verbs: READ },
    { group: '', resources: ['nodes'], verbs: GET_READ },
    { group: '', resources: ['events'], verbs: WRITE_EVENTS },
    { group: 'events.k8s.io', resources: ['events'], verbs: WRITE_EVENTS },
    { group: 'discovery.k8s.io', resources: ['endpointslices'], verbs: READ },
  ],
  [KUBE_DNS_USER]: [
    { group: '', resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: READ },
    { group: 'discovery.k8s.io', resources: ['endpointslices'], verbs: READ },
  ],
  [LOCAL_PATH_PROVISIONER_USER]: [
    { group: '', resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch', 'create', 'delete', 'patch', 'update'] },
    { group: '', resources: ['persistentvolumeclaims'], verbs: ['get', 'list', 'watch', 'update'] },
    { group: '', resources: ['events'], verbs: WRITE_EVENTS },
    { group: 'events.k8s.io', resources: ['events'], verbs: WRITE_EVENTS },
    { group: 'storage.k8s.io', resources: ['storageclasses'], verbs: ['get', 'list', 'watch', 'create'] },
  ],
  [NETWORK_POLICY_AGENT]: [
    { group: '', resources: ['pods', 'namespaces'], verbs: GET_READ },
    { group: 'networking.k8s.io', resources: ['networkpolicies'], verbs: GET_READ },
  ],
};

/** Whether a node component's user may make this request. */
export function componentAllows(user: string, a: Attributes): boolean {
  const rules = RULES[user];
  return rules !== undefined && rulesAllow(rules, a.verb, a.resource.group, a.subresource ? `${a.resource.plural}/${a.subresource}` : a.resource.plural);
}

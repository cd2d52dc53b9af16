// The identity every node's NetworkPolicy enforcer reads the cluster as, and all it may do: read Pods,
// Namespaces and NetworkPolicies cluster-wide (a policy's peers may be anywhere). A kubelet's own
// identity may not list Pods beyond its node, so the enforcer has this one, as upstream's network
// plugins run under a service account bound to a read-only ClusterRole.

import type { Attributes } from './attributes.js';

export const NETWORK_POLICY_AGENT = 'system:berth:network-policy-agent';

const READABLE = new Set(['/pods', '/namespaces', 'networking.k8s.io/networkpolicies']);

export function networkPolicyAgentAllows(a: Attributes): boolean {
  return ['get', 'list', 'watch'].includes(a.verb) && !a.subresource && READABLE.has(`${a.resource.group}/${a.resource.plural}`);
}

// Who may do what. Cluster admins (system:masters) may do anything; a kubelet (system:node:<name> in
// system:nodes) may do what the node authorizer allows it; a node's Service proxy, cluster DNS and
// NetworkPolicy enforcer what component-rules.ts grants each; any other user (service accounts included)
// gets only what upstream's default bindings give every authenticated user (discovery, which is not
// authorized here; the issuer discovery documents for service accounts) and is refused the rest, as an
// RBAC-enabled cluster with no further bindings would refuse it. A refusal reads as kube-apiserver's does.

import { ApiError, forbidden } from '../../api/errors.js';
import type { Attributes } from './attributes.js';
import { nodeNameOf, type UserInfo } from './identity.js';
import { authorizeNode } from './node-authorizer.js';
import type { NodeGraph } from './node-graph.js';
import { componentAllows } from './component-rules.js';
import { ISSUER_DISCOVERY_PATHS } from './token-signer.js';

/** Throws Forbidden unless user may do what attrs describe. */
export function authorize(user: UserInfo, attrs: Attributes, graph: NodeGraph): void {
  if (user.groups.includes('system:masters')) return;
  if (componentAllows(user.name, attrs)) return;
  const node = nodeNameOf(user);
  const decision = node === null ? { allowed: false, reason: '' } : authorizeNode(node, attrs, graph);
  if (!decision.allowed) throw refusal(user, attrs, decision.reason);
}

function refusal(user: UserInfo, a: Attributes, reason: string): ApiError {
  const { group, plural } = a.resource;
  const what = a.subresource ? `${plural}/${a.subresource}` : plural;
  const where = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return forbidden(plural, a.name, `User "${user.name}" cannot ${a.verb} resource "${what}" in API group "${group}" ${where}${reason ? `: ${reason}` : ''}`, group);
}

/**
 * Throws Forbidden unless user may use a non-resource path: the admin may use any; service accounts may
 * read the issuer discovery documents (upstream's default system:service-account-issuer-discovery binding); nobody else may use one (/metrics).
 */
export function authorizeNonResource(user: UserInfo, verb: string, path: string): void {
  if (user.groups.includes('system:masters')) return;
  if (verb === 'get' && ISSUER_DISCOVERY_PATHS.has(path) && user.groups.includes('system:serviceaccounts')) return;
  throw new ApiError('Forbidden', `forbidden: User "${user.name}" cannot ${verb} path "${path}"`);
}

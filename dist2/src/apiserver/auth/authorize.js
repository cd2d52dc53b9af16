// Who may do what, decided as kube-apiserver's default chain decides (--authorization-mode=Node,RBAC):
// members of system:masters may do anything; a kubelet (system:node:<name> in system:nodes) what the
// node authorizer allows it; then whatever RBAC grants the user, its groups or its service account.
// Nothing else is allowed. A refusal reads as kube-apiserver's does, with the reasons the authorizers
// that said no gave.
import { ApiError, forbidden } from '../../api/errors.js';
import { nodeNameOf } from './identity.js';
import { authorizeNode } from './node-authorizer.js';
const MASTERS = 'system:masters';
/** The chain's decision on a resource request, with the reasons of those that did not allow it. */
export function decide(user, attrs, authz) {
    if (user.groups.includes(MASTERS))
        return { allowed: true, reason: '' };
    const reasons = [];
    const node = nodeNameOf(user);
    if (node !== null) {
        const d = authorizeNode(node, attrs, authz.nodeGraph);
        if (d.allowed)
            return d;
        if (d.reason)
            reasons.push(d.reason);
    }
    const d = authz.rbac.authorize(user, attrs);
    if (d.allowed)
        return d;
    if (d.reason)
        reasons.push(d.reason);
    return { allowed: false, reason: reasons.join('\n') };
}
/** The chain's decision on a non-resource path (/metrics, discovery). */
export function decidePath(user, verb, path, authz) {
    if (user.groups.includes(MASTERS))
        return { allowed: true, reason: '' };
    return authz.rbac.authorizePath(user, verb, path);
}
/** Throws Forbidden unless user may do what attrs describe. */
export function authorize(user, attrs, authz) {
    const d = decide(user, attrs, authz);
    if (!d.allowed)
        throw refusal(user, attrs, d.reason);
}
/** Throws Forbidden unless user may use verb on a non-resource path. */
export function authorizeNonResource(user, verb, path, authz) {
    const d = decidePath(user, verb, path, authz);
    if (!d.allowed)
        throw new ApiError('Forbidden', `forbidden: User "${user.name}" cannot ${verb} path "${path}"${d.reason ? `: ${d.reason}` : ''}`);
}
function refusal(user, a, reason) {
    const { group, plural } = a.resource;
    const what = a.subresource ? `${plural}/${a.subresource}` : plural;
    const where = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
    return forbidden(plural, a.name, `User "${user.name}" cannot ${a.verb} resource "${what}" in API group "${group}" ${where}${reason ? `: ${reason}` : ''}`, group);
}
//# sourceMappingURL=authorize.js.map
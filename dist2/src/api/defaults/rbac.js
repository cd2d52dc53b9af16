// rbac.authorization.k8s.io/v1 defaults, as upstream's SetDefaults: a binding's roleRef and its User
// and Group subjects are in the RBAC group unless they say otherwise.
import { RBAC_GROUP } from '../validation/rbac.js';
export function defaultRoleBinding(b) {
    if (b.roleRef && typeof b.roleRef === 'object' && !b.roleRef.apiGroup)
        b.roleRef.apiGroup = RBAC_GROUP;
    for (const s of Array.isArray(b.subjects) ? b.subjects : []) {
        if (s && !s.apiGroup && (s.kind === 'User' || s.kind === 'Group'))
            s.apiGroup = RBAC_GROUP;
    }
}
//# sourceMappingURL=rbac.js.map
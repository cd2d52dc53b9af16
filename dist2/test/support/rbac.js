// An authorizer chain over a fixed set of RBAC objects — the default policy plus those a test adds —
// fed through the same watch-cache index the API server keeps, for allow/deny tables without a server.
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES } from '../../src/apiserver/auth/bootstrap-policy.js';
import { RbacAuthorizer } from '../../src/apiserver/auth/rbac-authorizer.js';
import { Entry } from '../../src/apiserver/watchcache/cache.js';
import { aggregatedRules } from '../../src/controllers/clusterroleaggregation.js';
const key = (o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
/** The default policy with extra objects (Roles, ClusterRoles, bindings) and a node graph (default: none). */
export function rbacChain(extra = [], nodeGraph = {}) {
    const all = structuredClone([...CLUSTER_ROLES, ...CLUSTER_ROLE_BINDINGS, ...extra]);
    // Aggregate as the controller would, to a fixed point (view feeds edit, edit feeds admin).
    const clusterRoles = all.filter((o) => o.kind === 'ClusterRole');
    for (let changed = true; changed;) {
        changed = false;
        for (const r of clusterRoles) {
            const rules = aggregatedRules(r, clusterRoles);
            if (rules && JSON.stringify(rules) !== JSON.stringify(r.rules ?? []))
                [r.rules, changed] = [rules, true];
        }
    }
    const roles = new Map();
    for (const o of all)
        if (o.kind === 'Role' || o.kind === 'ClusterRole')
            roles.set(`${o.kind}/${key(o)}`, (o.rules ?? []));
    const rbac = new RbacAuthorizer((kind, ns, name) => roles.get(`${kind}/${kind === 'Role' ? ns : ''}/${name}`));
    const entries = (kind) => all.filter((o) => o.kind === kind).map((o, i) => new Entry(key(o), o, i + 1));
    rbac.roleBindings.reset(entries('RoleBinding'));
    rbac.clusterRoleBindings.reset(entries('ClusterRoleBinding'));
    return { nodeGraph, rbac };
}
//# sourceMappingURL=rbac.js.map
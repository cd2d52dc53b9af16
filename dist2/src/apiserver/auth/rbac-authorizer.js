// The RBAC authorizer, as upstream's: a request is allowed when a rule of a role bound to its user (or
// one of its groups, or its service account) covers it — ClusterRoleBindings everywhere, RoleBindings
// in their namespace. It never denies outright; a binding to a missing role is reported as the reason
// the request found no rule ("RBAC: role.rbac.authorization.k8s.io "x" not found"). Roles are read from
// the watch cache by name, bindings through SubjectBindings.
import { ruleAllows, ruleAllowsPath } from './rbac-rules.js';
import { SubjectBindings } from './rbac-bindings.js';
export class RbacAuthorizer {
    roleBindings = new SubjectBindings();
    clusterRoleBindings = new SubjectBindings();
    #rules;
    constructor(rules) {
        this.#rules = rules;
    }
    /**
     * The rules of the role a binding in namespace ('' for a ClusterRoleBinding) refers to; throws the
     * lister's NotFound text when it is missing.
     */
    roleRefRules(ref, namespace) {
        const kind = ref?.kind === 'Role' ? 'Role' : 'ClusterRole';
        const rules = this.#rules(kind, namespace, ref?.name ?? '');
        if (!rules)
            throw new Error(`${kind.toLowerCase()}.rbac.authorization.k8s.io "${ref?.name ?? ''}" not found`);
        return rules;
    }
    /**
     * Visits every rule that applies to user in namespace (cluster bindings first), until visit returns
     * true; returns whether one did, and the roles that could not be found.
     */
    visit(user, namespace, visit) {
        const errors = [];
        const scopes = [[this.clusterRoleBindings, '']];
        if (namespace)
            scopes.push([this.roleBindings, namespace]);
        for (const [index, ns] of scopes) {
            for (const b of index.bindingsFor(user, ns)) {
                let rules;
                try {
                    rules = this.roleRefRules(b.roleRef, ns);
                }
                catch (e) {
                    errors.push(e.message);
                    continue;
                }
                for (const r of rules)
                    if (visit(r))
                        return { found: true, errors, source: describe(b, user) };
            }
        }
        return { found: false, errors };
    }
    authorize(user, a) {
        return decision(this.visit(user, a.namespace ?? '', (r) => ruleAllows(r, a)));
    }
    authorizePath(user, verb, path) {
        return decision(this.visit(user, '', (r) => ruleAllowsPath(r, verb, path)));
    }
    /** Every rule user holds in namespace, and the roles that could not be found (SelfSubjectRulesReview, escalation checks). */
    rulesFor(user, namespace) {
        const rules = [];
        const { errors } = this.visit(user, namespace, (r) => {
            rules.push(r);
            return false;
        });
        return { rules, errors };
    }
}
/** Which binding, role and subject allowed a request, as upstream words it. */
function describe(b, user) {
    const ns = b.metadata.namespace;
    const s = b.subjects?.find((s) => (s.kind === 'User' && s.name === user.name) || (s.kind === 'Group' && user.groups.includes(s.name)) ||
        (s.kind === 'ServiceAccount' && user.name === `system:serviceaccount:${s.namespace || ns}:${s.name}`));
    const who = s?.kind === 'ServiceAccount' ? `${s.kind} "${s.name}/${s.namespace || ns}"` : `${s?.kind} "${s?.name}"`;
    const binding = ns ? `RoleBinding "${b.metadata.name}/${ns}"` : `ClusterRoleBinding "${b.metadata.name}"`;
    return `${binding} of ${b.roleRef.kind} "${b.roleRef.name}" to ${who}`;
}
function decision(r) {
    if (r.found)
        return { allowed: true, reason: `RBAC: allowed by ${r.source}` };
    // Upstream aggregates the errors: one as it is, several in brackets.
    const reason = r.errors.length === 0 ? '' : `RBAC: ${r.errors.length === 1 ? r.errors[0] : `[${r.errors.join(', ')}]`}`;
    return { allowed: false, reason };
}
//# sourceMappingURL=rbac-authorizer.js.map
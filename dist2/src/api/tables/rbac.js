// The rows of `kubectl get rolebindings|clusterrolebindings`, with upstream's columns: NAME, ROLE, AGE,
// and with -o wide USERS, GROUPS, SERVICEACCOUNTS. Roles and ClusterRoles print the default
// NAME / CREATED AT table, as upstream's do.
import { ageColumn, column, doc, nameColumn } from './columns.js';
import { since } from './duration.js';
export function roleBindingColumns() {
    return [
        nameColumn(),
        column('Role', doc('io.k8s.api.rbac.v1.RoleBinding', 'roleRef')),
        ageColumn(),
        column('Users', 'Users in the roleBinding', { priority: 1 }),
        column('Groups', 'Groups in the roleBinding', { priority: 1 }),
        column('ServiceAccounts', 'ServiceAccounts in the roleBinding', { priority: 1 }),
    ];
}
export function roleBindingCells(o, now) {
    const b = o;
    const subjects = Array.isArray(b.subjects) ? b.subjects : [];
    const of = (kind) => subjects.filter((s) => s.kind === kind).map((s) => (kind === 'ServiceAccount' && s.namespace ? `${s.namespace}/${s.name}` : s.name)).join(', ');
    return [o.metadata.name, `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`, since(o.metadata.creationTimestamp, now), of('User'), of('Group'), of('ServiceAccount')];
}
//# sourceMappingURL=rbac.js.map
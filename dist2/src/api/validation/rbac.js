// rbac.authorization.k8s.io/v1 rules, worded as pkg/apis/rbac/validation: names need only be usable as
// a path segment; a rule names verbs and either resources (with API groups) or non-resource URLs,
// never both, and never URLs in a namespaced Role; a binding refers to a Role or ClusterRole of the
// RBAC group by name, once and for all; its subjects are Users, Groups or ServiceAccounts.
import { FieldPath, invalidEach, invalidValue, requiredValue, unsupportedValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Subdomain, isPathSegmentName, nameIsPathSegment } from './names.js';
export const RBAC_GROUP = 'rbac.authorization.k8s.io';
function validateRule(rule, namespaced, path) {
    const causes = [];
    if (!rule.verbs?.length)
        causes.push(requiredValue(path.child('verbs'), 'verbs must contain at least one value'));
    const urls = rule.nonResourceURLs ?? [];
    if (urls.length) {
        if (namespaced)
            causes.push(invalidValue(path.child('nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
        if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
            causes.push(invalidValue(path.child('nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs'));
        }
        return causes;
    }
    if (!rule.apiGroups?.length)
        causes.push(requiredValue(path.child('apiGroups'), 'resource rules must supply at least one api group'));
    if (!rule.resources?.length)
        causes.push(requiredValue(path.child('resources'), 'resource rules must supply at least one resource'));
    if (rule.resourceNames?.length && (rule.resources?.length ?? 0) > 1)
        causes.push(requiredValue(path.child('resourceNames'), 'resource names cannot apply to multiple resources'));
    return causes;
}
function validateRoleOf(role, namespaced) {
    const causes = validateObjectMeta(role.metadata, { namespaced, nameRule: nameIsPathSegment });
    (role.rules ?? []).forEach((r, i) => causes.push(...validateRule(r, namespaced, FieldPath.root('rules').index(i))));
    return causes;
}
export const validateRole = (role) => validateRoleOf(role, true);
export const validateClusterRole = (role) => validateRoleOf(role, false);
export function validateRoleUpdate(role, old, namespaced) {
    return [...validateRoleOf(role, namespaced).filter((c) => !c.field?.startsWith('metadata')), ...validateObjectMetaUpdate(role.metadata, old.metadata)];
}
function validateSubject(s, namespaced, path) {
    const causes = [];
    if (!s.name)
        causes.push(requiredValue(path.child('name')));
    switch (s.kind) {
        case 'ServiceAccount':
            if (s.name)
                causes.push(...invalidEach(path.child('name'), s.name, isDNS1123Subdomain(s.name)));
            if (s.apiGroup)
                causes.push(unsupportedValue(path.child('apiGroup'), s.apiGroup, ['']));
            if (!namespaced && !s.namespace)
                causes.push(requiredValue(path.child('namespace')));
            break;
        case 'User':
        case 'Group':
            if (!s.name)
                causes.push(invalidValue(path.child('name'), s.name ?? '', `${s.kind.toLowerCase()} name cannot be empty`));
            if (s.apiGroup !== RBAC_GROUP)
                causes.push(unsupportedValue(path.child('apiGroup'), s.apiGroup ?? '', [RBAC_GROUP]));
            break;
        default:
            causes.push(unsupportedValue(path.child('kind'), s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    }
    return causes;
}
/** A RoleBinding (namespaced) or ClusterRoleBinding. */
export function validateRoleBinding(b, namespaced) {
    const causes = validateObjectMeta(b.metadata, { namespaced, nameRule: nameIsPathSegment });
    const ref = b.roleRef ?? {};
    const refPath = FieldPath.root('roleRef');
    if (ref.apiGroup !== RBAC_GROUP)
        causes.push(unsupportedValue(refPath.child('apiGroup'), ref.apiGroup ?? '', [RBAC_GROUP]));
    const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
    if (!kinds.includes(ref.kind))
        causes.push(unsupportedValue(refPath.child('kind'), ref.kind ?? '', kinds));
    if (!ref.name)
        causes.push(requiredValue(refPath.child('name')));
    else
        causes.push(...invalidEach(refPath.child('name'), ref.name, isPathSegmentName(ref.name)));
    (b.subjects ?? []).forEach((s, i) => causes.push(...validateSubject(s, namespaced, FieldPath.root('subjects').index(i))));
    return causes;
}
export function validateRoleBindingUpdate(b, old, namespaced) {
    const causes = [...validateRoleBinding(b, namespaced).filter((c) => !c.field?.startsWith('metadata')), ...validateObjectMetaUpdate(b.metadata, old.metadata)];
    const [n, o] = [b.roleRef ?? {}, old.roleRef ?? {}];
    if (n.apiGroup !== o.apiGroup || n.kind !== o.kind || n.name !== o.name) {
        // Upstream prints the Go struct as the bad value.
        const value = `rbac.RoleRef{APIGroup:${JSON.stringify(n.apiGroup ?? '')}, Kind:${JSON.stringify(n.kind ?? '')}, Name:${JSON.stringify(n.name ?? '')}}`;
        causes.push({ reason: 'FieldValueInvalid', field: 'roleRef', message: `Invalid value: ${value}: cannot change roleRef` });
    }
    return causes;
}
//# sourceMappingURL=rbac.js.map
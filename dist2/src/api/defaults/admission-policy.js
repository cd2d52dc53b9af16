// admissionregistration.k8s.io/v1 defaults, as upstream's: a policy fails closed, matches equivalent
// versions and every namespace and object unless its selectors narrow it; rules apply at every scope.
function defaultMatchResources(m) {
    m.matchPolicy ??= 'Equivalent';
    m.namespaceSelector ??= {};
    m.objectSelector ??= {};
    for (const r of [...(m.resourceRules ?? []), ...(m.excludeResourceRules ?? [])])
        r.scope ??= '*';
}
export function defaultValidatingAdmissionPolicy(p) {
    if (!p.spec)
        return;
    p.spec.failurePolicy ??= 'Fail';
    if (p.spec.matchConstraints)
        defaultMatchResources(p.spec.matchConstraints);
}
export function defaultValidatingAdmissionPolicyBinding(b) {
    if (b.spec?.matchResources)
        defaultMatchResources(b.spec.matchResources);
}
//# sourceMappingURL=admission-policy.js.map
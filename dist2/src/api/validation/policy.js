// policy/v1 rules for PodDisruptionBudgets, worded as pkg/apis/policy/validation: minAvailable and
// maxUnavailable are non-negative ints or percents up to 100% and not both set, the selector is valid,
// and the unhealthy-Pod eviction policy is one upstream knows. Status counts are never negative.
import { nonNegative, validateIntOrPercent, validateLabelSelector } from './apps.js';
import { FieldPath, invalidValue, unsupportedValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];
function intOrPercent(v, path) {
    if (v === undefined)
        return [];
    const causes = validateIntOrPercent(v, path);
    if (!causes.length && typeof v === 'string' && parseInt(v, 10) > 100)
        causes.push(invalidValue(path, v, 'must not be greater than 100%'));
    return causes;
}
export function validatePodDisruptionBudget(pdb) {
    const spec = FieldPath.root('spec');
    const s = pdb.spec ?? {};
    const causes = validateObjectMeta(pdb.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain });
    if (s.minAvailable !== undefined && s.maxUnavailable !== undefined)
        causes.push(invalidValue(spec, s, 'minAvailable and maxUnavailable cannot be both set'));
    causes.push(...intOrPercent(s.minAvailable, spec.child('minAvailable')), ...intOrPercent(s.maxUnavailable, spec.child('maxUnavailable')));
    if (s.selector)
        causes.push(...validateLabelSelector(s.selector, spec.child('selector')));
    if (s.unhealthyPodEvictionPolicy !== undefined && !EVICTION_POLICIES.includes(s.unhealthyPodEvictionPolicy)) {
        causes.push(unsupportedValue(spec.child('unhealthyPodEvictionPolicy'), s.unhealthyPodEvictionPolicy, EVICTION_POLICIES));
    }
    return causes;
}
export function validatePodDisruptionBudgetUpdate(pdb, old) {
    return [...validateObjectMetaUpdate(pdb.metadata, old.metadata), ...validatePodDisruptionBudget(pdb).filter((c) => !c.field?.startsWith('metadata'))];
}
export function validatePodDisruptionBudgetStatusUpdate(pdb, old) {
    const causes = validateObjectMetaUpdate(pdb.metadata, old.metadata);
    const path = FieldPath.root('status');
    const s = pdb.status;
    for (const k of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'])
        causes.push(...nonNegative(s?.[k], path.child(k)));
    return causes;
}
//# sourceMappingURL=policy.js.map
// DeleteOptions.propagationPolicy, as the API server turns it into finalizers for the garbage
// collector: Orphan adds `orphan` (dependents lose their ownerReference, then the owner goes),
// Foreground adds `foregroundDeletion` (the owner stays, marked, until its blocking dependents are
// gone), Background (the default of every kind berth serves) removes the owner at once and leaves the
// dependents to the collector.
import { invalid } from '../../api/errors.js';
import { FieldPath, invalidValue, unsupportedValue } from '../../api/validation/field.js';
const POLICIES = ['Foreground', 'Background', 'Orphan'];
export const ORPHAN = 'orphan';
export const FOREGROUND = 'foregroundDeletion';
/** The policy DeleteOptions ask for (orphanDependents is its deprecated spelling), validated as upstream. */
export function propagationPolicyOf(opts) {
    const path = FieldPath.root('propagationPolicy');
    const p = opts.propagationPolicy;
    if (p !== undefined && opts.orphanDependents !== undefined) {
        throw invalid('DeleteOptions', '', [invalidValue(path, p, 'orphanDependents and deletionPropagation cannot be both set')], 'meta.k8s.io');
    }
    if (p !== undefined && !POLICIES.includes(p)) {
        throw invalid('DeleteOptions', '', [unsupportedValue(path, p, [...POLICIES, 'nil'])], 'meta.k8s.io');
    }
    if (opts.orphanDependents !== undefined)
        return opts.orphanDependents ? 'Orphan' : 'Background';
    return p;
}
/** The finalizers an object being deleted carries under the policy (unset: as they are). */
export function finalizersFor(finalizers, policy) {
    if (!policy)
        return [...finalizers];
    const rest = finalizers.filter((f) => f !== ORPHAN && f !== FOREGROUND);
    if (policy === 'Orphan')
        rest.push(ORPHAN);
    if (policy === 'Foreground')
        rest.push(FOREGROUND);
    return rest;
}
//# sourceMappingURL=propagation.js.map
import { FieldPath, NONNEGATIVE, invalidValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
function validateLeaseSpec(lease) {
    const spec = FieldPath.root('spec');
    const causes = [];
    const duration = lease.spec?.leaseDurationSeconds;
    if (duration !== undefined && duration <= 0)
        causes.push(invalidValue(spec.child('leaseDurationSeconds'), duration, 'must be greater than 0'));
    const transitions = lease.spec?.leaseTransitions;
    if (transitions !== undefined && transitions < 0)
        causes.push(invalidValue(spec.child('leaseTransitions'), transitions, NONNEGATIVE));
    return causes;
}
export function validateLease(lease) {
    return [...validateObjectMeta(lease.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validateLeaseSpec(lease)];
}
export function validateLeaseUpdate(lease, old) {
    return [...validateObjectMetaUpdate(lease.metadata, old.metadata), ...validateLeaseSpec(lease)];
}
//# sourceMappingURL=lease.js.map
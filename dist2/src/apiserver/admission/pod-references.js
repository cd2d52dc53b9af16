// What upstream's RuntimeClass, Priority and DRA admission plugins refuse, for a Pod naming objects of
// kinds berth does not serve yet (RuntimeClass, ResourceClaim): refused on create with their Forbidden
// words, never accepted and ignored. Priority comes from the served PriorityClasses (./priority.ts).
import { ApiError } from '../../api/errors.js';
function forbidden(pod, why) {
    return new ApiError('Forbidden', `pods "${pod.metadata.name ?? ''}" is forbidden: ${why}`, { name: pod.metadata.name, kind: 'pods' });
}
/** Checks (and, with its priority, completes) a Pod being created. */
export function admitPodReferences(verb, obj, priorityClasses) {
    if (verb !== 'create' || !obj)
        return;
    const pod = obj;
    const spec = pod.spec;
    if (spec.runtimeClassName)
        throw forbidden(pod, `pod rejected: RuntimeClass "${spec.runtimeClassName}" not found`);
    if (spec.overhead && Object.keys(spec.overhead).length)
        throw forbidden(pod, 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
    if (spec.resourceClaims?.length)
        throw forbidden(pod, `resource claims are not supported by berth yet (no ResourceClaim API): ${spec.resourceClaims.map((c) => c.name).join(', ')}`);
    priorityClasses.admitPod(pod);
}
//# sourceMappingURL=pod-references.js.map
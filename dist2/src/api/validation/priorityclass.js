// scheduling.k8s.io/v1 rules for PriorityClasses, worded as pkg/apis/scheduling/validation: user classes
// stay at or below one billion, the `system-` prefix belongs to the built-in classes (with their values),
// and neither the value nor the preemption policy changes after creation.
import { FieldPath, forbidden, immutable, requiredValue, unsupportedValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
/** The most a user-defined class may be worth; above it are the system classes. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
/** Upstream's built-in PriorityClasses, which exist in every cluster. */
export const SYSTEM_PRIORITY_CLASSES = [
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' }, value: 2_000_001_000, description: 'Used for system critical pods that must not be moved from their current node.', preemptionPolicy: 'PreemptLowerPriority' },
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical' }, value: 2_000_000_000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.', preemptionPolicy: 'PreemptLowerPriority' },
];
const PREEMPTION_POLICIES = ['Never', 'PreemptLowerPriority'];
/** Why a `system-` name is not a built-in class as written, or undefined when it is one. */
function notSystemClass(pc) {
    const known = SYSTEM_PRIORITY_CLASSES.find((s) => s.metadata.name === pc.metadata.name);
    if (!known)
        return `${pc.metadata.name} is not a known system priority class`;
    if (known.value !== pc.value)
        return `value of ${pc.metadata.name} PriorityClass must be ${known.value}`;
    if (!!pc.globalDefault !== false)
        return `globalDefault of ${pc.metadata.name} PriorityClass must be false`;
    return undefined;
}
export function validatePriorityClass(pc) {
    const causes = validateObjectMeta(pc.metadata, { namespaced: false, nameRule: nameIsDNSSubdomain });
    const name = pc.metadata?.name ?? '';
    if (name.startsWith('system-')) {
        const why = notSystemClass(pc);
        if (why)
            causes.push(forbidden(FieldPath.root('metadata').child('name'), `priority class names with 'system-' prefix are reserved for system use only. error: ${why}`));
    }
    else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
        causes.push(forbidden(FieldPath.root('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
    }
    const policy = FieldPath.root('preemptionPolicy');
    if (pc.preemptionPolicy === undefined)
        causes.push(requiredValue(policy));
    else if (!PREEMPTION_POLICIES.includes(pc.preemptionPolicy))
        causes.push(unsupportedValue(policy, pc.preemptionPolicy, PREEMPTION_POLICIES));
    return causes;
}
export function validatePriorityClassUpdate(pc, old) {
    const causes = [...validateObjectMetaUpdate(pc.metadata, old.metadata), ...validatePriorityClass(pc).filter((c) => !c.field?.startsWith('metadata'))];
    if (pc.value !== old.value)
        causes.push(forbidden(FieldPath.root('value'), 'may not be changed in an update.'));
    causes.push(...immutable(FieldPath.root('preemptionPolicy'), pc.preemptionPolicy, old.preemptionPolicy));
    return causes;
}
//# sourceMappingURL=priorityclass.js.map
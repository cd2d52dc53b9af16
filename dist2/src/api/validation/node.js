import { FieldPath, NONNEGATIVE, forbidden, invalidValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { quantityAt } from './resources.js';
import { validateTaints } from './taints.js';
function validateResourceList(list, path) {
    const causes = [];
    for (const [name, text] of Object.entries(list ?? {})) {
        const q = quantityAt(String(text), path.key(name), causes);
        if (q && q.nanos < 0n)
            causes.push(invalidValue(path.key(name), text, NONNEGATIVE));
    }
    return causes;
}
function validateNodeFields(node) {
    const status = FieldPath.root('status');
    return [
        ...validateTaints(node.spec?.taints, FieldPath.root('spec').child('taints')),
        ...validateResourceList(node.status?.capacity, status.child('capacity')),
        ...validateResourceList(node.status?.allocatable, status.child('allocatable')),
    ];
}
export function validateNode(node) {
    return [...validateObjectMeta(node.metadata, { namespaced: false, nameRule: nameIsDNSSubdomain }), ...validateNodeFields(node)];
}
/** Used for both spec and status updates: the kubelet and controllers write both. */
export function validateNodeUpdate(node, old) {
    const spec = FieldPath.root('spec');
    const causes = [...validateObjectMetaUpdate(node.metadata, old.metadata), ...validateNodeFields(node)];
    const oldCIDRs = old.spec?.podCIDRs ?? (old.spec?.podCIDR ? [old.spec.podCIDR] : []);
    const newCIDRs = node.spec?.podCIDRs ?? (node.spec?.podCIDR ? [node.spec.podCIDR] : []);
    if (oldCIDRs.length && JSON.stringify(oldCIDRs) !== JSON.stringify(newCIDRs)) {
        causes.push(forbidden(spec.child('podCIDRs'), 'node updates may not change podCIDR except from "" to valid'));
    }
    if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
        causes.push(forbidden(spec.child('providerID'), 'node updates may not change providerID except from "" to valid'));
    }
    return causes;
}
//# sourceMappingURL=node.js.map
// The words the binder, the provisioner, the scheduler and the kubelet share about volumes and claims:
// upstream's annotation names, and whether a volume can serve a claim or be reached from a node.
import { compareQuantities, parseQuantity } from './quantity.js';
import { fromLabelSelectorObject, matchLabels } from './selectors/labels.js';
/** Set by the scheduler on a WaitForFirstConsumer claim: the node its first Pod went to. */
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';
/** Set by the binder on a claim its class's provisioner is to make a volume for. */
export const STORAGE_PROVISIONER_ANNOTATION = 'volume.kubernetes.io/storage-provisioner';
export const BETA_STORAGE_PROVISIONER_ANNOTATION = 'volume.beta.kubernetes.io/storage-provisioner';
/** On a volume a provisioner made: which one, so only it deletes it. */
export const PROVISIONED_BY_ANNOTATION = 'pv.kubernetes.io/provisioned-by';
export const BIND_COMPLETED_ANNOTATION = 'pv.kubernetes.io/bind-completed';
export const BOUND_BY_CONTROLLER_ANNOTATION = 'pv.kubernetes.io/bound-by-controller';
export const claimClass = (c) => c.spec?.storageClassName ?? '';
export const volumeClass = (v) => v.spec?.storageClassName ?? '';
function quantity(text) {
    try {
        return text === undefined ? undefined : parseQuantity(text);
    }
    catch {
        return undefined;
    }
}
/** Whether the volume's claimRef names this claim (by uid once it has one). */
export function refersTo(ref, claim) {
    return !!ref && ref.name === claim.metadata.name && (ref.namespace ?? '') === (claim.metadata.namespace ?? '') && (!ref.uid || ref.uid === claim.metadata.uid);
}
/** Whether the volume could be bound to the claim: class, modes, size, selector and mode all fit. */
export function volumeFitsClaim(v, c) {
    if (volumeClass(v) !== claimClass(c))
        return false;
    const modes = v.spec?.accessModes ?? [];
    if (!(c.spec?.accessModes ?? []).every((m) => modes.includes(m)))
        return false;
    if ((v.spec?.volumeMode ?? 'Filesystem') !== (c.spec?.volumeMode ?? 'Filesystem'))
        return false;
    const have = quantity(v.spec?.capacity?.storage);
    const want = quantity(c.spec?.resources?.requests?.storage);
    if (!have || !want || compareQuantities(have, want) < 0)
        return false;
    try {
        return !c.spec?.selector || matchLabels(fromLabelSelectorObject(c.spec.selector), v.metadata.labels ?? {});
    }
    catch {
        return false;
    }
}
/** The node terms a volume is limited to, or undefined when every node reaches it. */
export function volumeNodeTerms(v) {
    return v.spec?.nodeAffinity?.required?.nodeSelectorTerms;
}
/** Capacity for comparing volumes: the smallest that fits is the one taken. */
export function volumeSize(v) {
    return quantity(v.spec?.capacity?.storage);
}
//# sourceMappingURL=persistentvolumes.js.map
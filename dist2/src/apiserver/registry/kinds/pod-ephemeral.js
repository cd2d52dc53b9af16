// pods/ephemeralcontainers (kubectl debug): a write of the Pod that changes only
// spec.ephemeralContainers. Everything else comes back from the stored Pod, as upstream's
// podEphemeralContainersStrategy does, and the rules are validatePodEphemeralContainersUpdate's.
import { applyDefaults } from '../../../api/defaults/index.js';
import { validatePodEphemeralContainersUpdate } from '../../../api/validation/pod.js';
/** Metadata a subresource write may not change (apimachinery's ResetObjectMetaForStatus). */
const KEPT_METADATA = ['labels', 'annotations', 'finalizers', 'ownerReferences'];
export const ephemeralContainersWrite = {
    prepare(obj, old) {
        const pod = obj;
        const prev = old;
        const ephemeralContainers = pod.spec?.ephemeralContainers;
        pod.spec = structuredClone(prev.spec);
        if (ephemeralContainers === undefined)
            delete pod.spec.ephemeralContainers;
        else
            pod.spec.ephemeralContainers = ephemeralContainers;
        for (const k of KEPT_METADATA) {
            if (prev.metadata[k] === undefined)
                delete pod.metadata[k];
            else
                pod.metadata[k] = structuredClone(prev.metadata[k]);
        }
        // Defaults fill the new containers' pull and termination-message policies; status stays the kubelet's.
        applyDefaults('Pod', pod);
        if (prev.status === undefined)
            delete pod.status;
        else
            pod.status = structuredClone(prev.status);
    },
    validate: (obj, old) => validatePodEphemeralContainersUpdate(obj, old),
};
//# sourceMappingURL=pod-ephemeral.js.map
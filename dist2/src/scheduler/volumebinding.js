// The VolumeBinding plugin, as kube-scheduler's: a Pod whose claim is missing, being deleted, or unbound
// in an Immediate class goes nowhere; a claim bound to a volume limited to some nodes (a local-path
// volume lives on one node's disk) keeps the Pod to those nodes; a WaitForFirstConsumer claim is bound
// where the Pod goes: the chosen node is written on the claim (selected-node) before the Pod is bound,
// for the binder and the node's provisioner. (Upstream also waits for the claim to be bound before
// binding the Pod; berth binds at once and the kubelet waits, the Pod ContainerCreating meanwhile.)
import { SELECTED_NODE_ANNOTATION, claimClass, volumeFitsClaim, volumeNodeTerms } from '../api/persistentvolumes.js';
import { persistentVolumeClaims } from '../client/resources.js';
import { matchesAnyTerm } from './affinity.js';
import { fail, PreFilterRejection } from './filters.js';
const PLUGIN = 'VolumeBinding';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const reaches = (v, node) => {
    const terms = volumeNodeTerms(v);
    return !terms || matchesAnyTerm(terms, node.labels, node.name);
};
export function volumeBinding(i) {
    return {
        name: PLUGIN,
        preFilter(pod) {
            if (!pod.claims.length)
                return null;
            const state = { bound: [], delayed: [] };
            for (const name of pod.claims) {
                const claim = i.claims.get(`${pod.namespace}/${name}`);
                if (!claim)
                    return new PreFilterRejection(`persistentvolumeclaim "${name}" not found`);
                if (claim.metadata.deletionTimestamp)
                    return new PreFilterRejection(`persistentvolumeclaim "${name}" is being deleted`);
                if (claim.spec?.volumeName) {
                    state.bound.push(i.volumes.get(claim.spec.volumeName));
                    continue;
                }
                const sc = i.classes.get(claimClass(claim));
                if (sc?.volumeBindingMode !== 'WaitForFirstConsumer')
                    return new PreFilterRejection('pod has unbound immediate PersistentVolumeClaims');
                state.delayed.push({ claim, staticOnly: sc.provisioner === NO_PROVISIONER });
            }
            return state;
        },
        filter(_pod, node, state) {
            for (const v of state.bound) {
                if (!v)
                    return fail(PLUGIN, true, 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)');
                if (!reaches(v, node))
                    return fail(PLUGIN, true, 'node(s) had volume node affinity conflict');
            }
            for (const { claim, staticOnly } of state.delayed) {
                const selected = claim.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
                // A node already chosen may be provisioning the claim's volume: the claim stays with it.
                if (selected && selected !== node.name)
                    return fail(PLUGIN, true, "node(s) didn't find available persistent volumes to bind");
                if (staticOnly && !i.volumes.list().some((v) => !v.spec?.claimRef && v.status?.phase === 'Available' && volumeFitsClaim(v, claim) && reaches(v, node))) {
                    return fail(PLUGIN, true, "node(s) didn't find available persistent volumes to bind");
                }
            }
            return null;
        },
    };
}
/** Writes the chosen node on the Pod's WaitForFirstConsumer claims that are not bound yet. */
export async function selectNodeForClaims(client, i, pod, nodeName) {
    const ns = pod.metadata.namespace ?? 'default';
    for (const v of pod.spec.volumes ?? []) {
        const name = v.persistentVolumeClaim?.claimName;
        const claim = name ? i.claims.get(`${ns}/${name}`) : undefined;
        if (!claim || claim.spec?.volumeName || claim.metadata.annotations?.[SELECTED_NODE_ANNOTATION] === nodeName)
            continue;
        if (i.classes.get(claimClass(claim))?.volumeBindingMode !== 'WaitForFirstConsumer')
            continue;
        await client.patch(persistentVolumeClaims, ns, name, 'merge', { metadata: { annotations: { [SELECTED_NODE_ANNOTATION]: nodeName } } });
    }
}
//# sourceMappingURL=volumebinding.js.map
// Filter plugins: each says whether a Pod may go to a node and, if not, why in Kubernetes' words.
// "Unresolvable" failures are ones evicting other Pods could not fix; they shape the preemption part
// of the FailedScheduling message. Passing returns null and allocates nothing: this is the hot path.
// A plugin that needs the whole cluster (inter-Pod affinity, topology spread) computes it once per
// decision in preFilter, as upstream's PreFilter does, and reads that state in filter.
import { tolerates } from '../api/taints.js';
import { matchesAnyTerm, matchesNodeSelector } from './affinity.js';
/**
 * What a preFilter returns when the Pod can go nowhere whatever the node (a claim it names is missing):
 * upstream reports the message once, before the per-node reasons, and preemption cannot help.
 */
export class PreFilterRejection {
    message;
    constructor(message) {
        this.message = message;
    }
}
export const fail = (plugin, unresolvable, ...reasons) => ({ plugin, reasons, unresolvable });
export const nodeReady = {
    name: 'NodeReady',
    filter: (_pod, node) => (node.ready ? null : fail('NodeReady', true, 'node(s) were not ready')),
};
export const nodeUnschedulable = {
    name: 'NodeUnschedulable',
    filter: (pod, node) => {
        if (!node.unschedulable)
            return null;
        const tolerated = pod.tolerations.some((t) => tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }));
        return tolerated ? null : fail('NodeUnschedulable', true, 'node(s) were unschedulable');
    },
};
/** A Pod that names its node may only go there. */
export const nodeName = {
    name: 'NodeName',
    filter: (pod, node) => (pod.nodeName === undefined || pod.nodeName === node.name ? null : fail('NodeName', true, "node(s) didn't match the requested node name")),
};
/** The first NoSchedule/NoExecute taint of the node the Pod does not tolerate. */
export function untoleratedTaint(pod, node) {
    return node.hardTaints.find((taint) => !pod.tolerations.some((t) => tolerates(t, taint)));
}
export const taintToleration = {
    name: 'TaintToleration',
    filter: (pod, node) => {
        if (node.hardTaints.length === 0)
            return null;
        const taint = untoleratedTaint(pod, node);
        return taint ? fail('TaintToleration', true, `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`) : null;
    },
};
/** nodeSelector and required node affinity. */
export function matchesNodeAffinity(pod, node) {
    return (!pod.nodeSelector || matchesNodeSelector(pod.nodeSelector, node.labels)) &&
        (!pod.requiredTerms || matchesAnyTerm(pod.requiredTerms, node.labels, node.name));
}
export const nodeAffinity = {
    name: 'NodeAffinity',
    filter: (pod, node) => (matchesNodeAffinity(pod, node) ? null : fail('NodeAffinity', true, "node(s) didn't match Pod's node affinity/selector")),
};
export const nodePorts = {
    name: 'NodePorts',
    filter: (pod, node) => {
        for (const hp of pod.hostPorts) {
            if (node.portInUse(hp))
                return fail('NodePorts', false, "node(s) didn't have free ports for the requested pod ports");
        }
        return null;
    },
};
export const nodeResourcesFit = {
    name: 'NodeResourcesFit',
    filter: (pod, node) => {
        const a = node.allocatable;
        const r = node.requested;
        const q = pod.requests;
        const tooMany = node.podCount + 1 > a.pods;
        const cpu = q.cpu > 0 && r.cpu + q.cpu > a.cpu;
        const mem = q.memory > 0 && r.memory + q.memory > a.memory;
        const eph = q.ephemeralStorage > 0 && r.ephemeralStorage + q.ephemeralStorage > a.ephemeralStorage;
        let scalar = false;
        for (const [name, want] of q.scalar)
            if (want > 0 && (r.scalar.get(name) ?? 0) + want > (a.scalar.get(name) ?? 0))
                scalar = true;
        if (!tooMany && !cpu && !mem && !eph && !scalar)
            return null;
        const reasons = [];
        if (tooMany)
            reasons.push('Too many pods');
        if (cpu)
            reasons.push('Insufficient cpu');
        if (mem)
            reasons.push('Insufficient memory');
        if (eph)
            reasons.push('Insufficient ephemeral-storage');
        for (const [name, want] of q.scalar)
            if (want > 0 && (r.scalar.get(name) ?? 0) + want > (a.scalar.get(name) ?? 0))
                reasons.push(`Insufficient ${name}`);
        return { plugin: 'NodeResourcesFit', reasons, unresolvable: false };
    },
};
//# sourceMappingURL=filters.js.map
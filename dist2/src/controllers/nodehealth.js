// The decisions of the node lifecycle controller, apart from the doing: pure functions of a node,
// its pods and the clock, tested table-driven.
import { tolerates } from '../api/taints.js';
export const unreachableTaintKey = 'node.kubernetes.io/unreachable';
/** The conditions a kubelet reports, all set to Unknown when it goes silent. */
const kubeletConditions = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
/** The node's conditions with every kubelet condition Unknown, or null if they already are. */
export function unknownConditions(node, now) {
    const current = node.status?.conditions ?? [];
    const ready = current.find((c) => c.type === 'Ready');
    if (ready?.status === 'Unknown')
        return null;
    const out = current.map((c) => kubeletConditions.includes(c.type) && c.status !== 'Unknown'
        ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now }
        : c);
    if (!ready) {
        out.push({ type: 'Ready', status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: now });
    }
    return out;
}
/** The taints with the unreachable pair added (or removed), or null if nothing changes. */
export function withUnreachableTaints(taints, present, now) {
    const others = taints.filter((t) => t.key !== unreachableTaintKey);
    if (!present)
        return others.length === taints.length ? null : others;
    const has = (effect) => taints.some((t) => t.key === unreachableTaintKey && t.effect === effect);
    if (has('NoSchedule') && has('NoExecute'))
        return null;
    return [
        ...others,
        { key: unreachableTaintKey, effect: 'NoSchedule', timeAdded: now },
        { key: unreachableTaintKey, effect: 'NoExecute', timeAdded: now },
    ];
}
/**
 * The status berth gives the Pods of a silent node: phase Unknown and Ready False. Upstream keeps the
 * phase and only marks Ready False; the seed describes phase Unknown, so berth follows the seed.
 * Null when the Pod already says so, or has finished (a terminal phase never changes).
 */
export function lostPodStatus(pod, now) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed')
        return null;
    const conditions = pod.status?.conditions ?? [];
    const ready = conditions.find((c) => c.type === 'Ready');
    if (phase === 'Unknown' && ready?.status === 'False')
        return null;
    const notReady = { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: ready?.status === 'False' ? ready.lastTransitionTime : now };
    return { phase: 'Unknown', conditions: [...conditions.filter((c) => c.type !== 'Ready'), notReady] };
}
/**
 * When a Pod must leave a node tainted NoExecute at `taintAdded` (ms): at once if no toleration
 * matches, never (Infinity) if one matches without tolerationSeconds, else after the shortest one.
 */
export function evictionTime(tolerations, taint, taintAdded) {
    const matching = tolerations.filter((t) => tolerates(t, taint));
    if (matching.length === 0)
        return taintAdded;
    let seconds = Infinity;
    for (const t of matching)
        if (t.tolerationSeconds !== undefined)
            seconds = Math.min(seconds, Math.max(0, t.tolerationSeconds));
    return taintAdded + seconds * 1000;
}
//# sourceMappingURL=nodehealth.js.map
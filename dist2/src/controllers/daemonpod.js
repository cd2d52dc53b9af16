// Where a DaemonSet's Pods belong, and the Pod it runs on a node: the node must match the template's
// nodeSelector and required node affinity, and its NoSchedule/NoExecute taints must be tolerated, with
// the tolerations upstream gives every daemon Pod (a daemon keeps running on a node that is not ready,
// unreachable, under pressure or cordoned). The Pod is pinned to its node by node affinity on
// metadata.name, so the scheduler still binds it and accounts for its resources.
import { tolerates } from '../api/taints.js';
import { matchesAnyTerm, matchesNodeSelector } from '../scheduler/affinity.js';
const exists = (key, effect) => ({ key, operator: 'Exists', effect });
/** The tolerations every daemon Pod gets (network-unavailable only with hostNetwork: such a Pod may be the network). */
export function daemonTolerations(spec) {
    return [
        exists('node.kubernetes.io/not-ready', 'NoExecute'),
        exists('node.kubernetes.io/unreachable', 'NoExecute'),
        exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
        exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
        exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
        exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
        ...(spec.hostNetwork ? [exists('node.kubernetes.io/network-unavailable', 'NoSchedule')] : []),
    ];
}
/** spec's tolerations with the daemon ones added, replacing any of the same key and effect. */
function withDaemonTolerations(spec) {
    const added = daemonTolerations(spec);
    const kept = (spec.tolerations ?? []).filter((t) => !added.some((a) => a.key === t.key && a.effect === t.effect));
    return [...kept, ...added];
}
export function placement(spec, node) {
    const labels = node.metadata.labels ?? {};
    const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    const fits = matchesNodeSelector(spec.nodeSelector ?? {}, labels) && (!terms || matchesAnyTerm(terms, labels, node.metadata.name));
    if (!fits)
        return { shouldRun: false, shouldContinueRunning: false };
    const tolerations = withDaemonTolerations(spec);
    const untolerated = (node.spec?.taints ?? []).filter((taint) => taint.effect !== 'PreferNoSchedule' && !tolerations.some((t) => tolerates(t, taint)));
    return { shouldRun: untolerated.length === 0, shouldContinueRunning: !untolerated.some((t) => t.effect === 'NoExecute') };
}
/** The node a daemon Pod is for: where it is bound, or where its node affinity pins it. */
export function targetNode(p) {
    if (p.spec.nodeName)
        return p.spec.nodeName;
    const terms = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    const pin = terms[0]?.matchFields?.find((f) => f.key === 'metadata.name' && f.operator === 'In');
    return pin?.values?.length === 1 ? pin.values[0] : undefined;
}
/**
 * The daemon Pod's spec for one node: the template's, its required node affinity replaced by the
 * node's name (the node already satisfies the template's terms) and the daemon tolerations added.
 */
export function daemonPodSpec(spec, nodeName) {
    const out = structuredClone(spec);
    out.affinity = {
        ...out.affinity,
        nodeAffinity: {
            ...out.affinity?.nodeAffinity,
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] },
        },
    };
    out.tolerations = withDaemonTolerations(spec);
    return out;
}
//# sourceMappingURL=daemonpod.js.map
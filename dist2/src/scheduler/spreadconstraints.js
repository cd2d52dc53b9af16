// topologySpreadConstraints compiled once per Pod, and the cluster-wide defaults kube-scheduler applies
// to a Pod that states none: spread by hostname (maxSkew 3) and by zone (maxSkew 5), both
// ScheduleAnyway, over the Pods its owner selects. Upstream builds that selector from the Services,
// ReplicationControllers, ReplicaSets and StatefulSets that select the Pod; berth serves only
// ReplicaSets of those, so its controlling ReplicaSet's selector is the whole of it. A Pod nothing
// selects gets no default spreading, as upstream.
import { compileSelector } from './podselectors.js';
export const hostnameLabel = 'kubernetes.io/hostname';
export const zoneLabel = 'topology.kubernetes.io/zone';
export function compileSpreadConstraints(pod) {
    const labels = pod.metadata.labels ?? {};
    return (pod.spec.topologySpreadConstraints ?? []).map((c) => ({
        ...compileSelector(c.labelSelector, labels, c.matchLabelKeys),
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        hard: c.whenUnsatisfiable !== 'ScheduleAnyway',
        minDomains: c.minDomains ?? 1,
        honorNodeAffinity: c.nodeAffinityPolicy !== 'Ignore',
        honorNodeTaints: c.nodeTaintsPolicy === 'Honor',
    }));
}
const defaults = new WeakMap();
/** The system default constraints over the Pods an owner's selector picks (memoized per selector object). */
export function defaultSpreadConstraints(ownerSelector) {
    let cs = defaults.get(ownerSelector);
    if (!cs) {
        const sel = compileSelector(ownerSelector, {});
        // An empty owner selector is no selector: upstream skips the defaults when theirs is empty.
        cs = sel.selector.requirements.length === 0 ? [] : [
            { ...sel, maxSkew: 3, topologyKey: hostnameLabel, hard: false, minDomains: 1, honorNodeAffinity: true, honorNodeTaints: false },
            { ...sel, maxSkew: 5, topologyKey: zoneLabel, hard: false, minDomains: 1, honorNodeAffinity: true, honorNodeTaints: false },
        ];
        defaults.set(ownerSelector, cs);
    }
    return cs;
}
//# sourceMappingURL=spreadconstraints.js.map
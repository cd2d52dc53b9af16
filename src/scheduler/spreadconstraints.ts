// topologySpreadConstraints compiled once per Pod, and the cluster-wide defaults kube-scheduler applies
// to a Pod that states none: spread by hostname (maxSkew 3) and by zone (maxSkew 5), both
// ScheduleAnyway, over the Pods its owner selects. Upstream builds that selector from the Services,
// ReplicationControllers, ReplicaSets and StatefulSets that select the Pod; berth serves only
// ReplicaSets of those, so its controlling ReplicaSet's selector is the whole of it. A Pod nothing
// selects gets no default spreading, as upstream.

import type { LabelSelectorSpec, Pod } from '../api/types.js';
import { compileSelector, type Labels, type PodSelector } from './podselectors.js';

export const hostnameLabel = 'kubernetes.io/hostname';
export const zoneLabel = 'topology.kubernetes.io/zone';

export interface SpreadConstraint extends PodSelector {
  maxSkew: number;
  topologyKey: string;
  /** DoNotSchedule (a filter); otherwise ScheduleAnyway (a score). */
  hard: boolean;
  minDomains: number;
  /** nodeAffinityPolicy Honor (the default): only nodes the Pod's node affinity/selector allows count. */
  honorNodeAffinity: boolean;
  /** nodeTaintsPolicy Honor (default Ignore): only nodes whose taints the Pod tolerates count. */
  honorNodeTaints: boolean;
}

export function compileSpreadConstraints(pod: Pod): SpreadConstraint[] {
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

const defaults = new WeakMap<LabelSelectorSpec, SpreadConstraint[]>();

/** The system default constraints over the Pods an owner's selector picks (memoized per selector object). */
export function defaultSpreadConstraints(ownerSelector: LabelSelectorSpec): SpreadConstraint[] {
  let cs = defaults.get(ownerSelector);
  if (!cs) {
    const sel = compileSelector(ownerSelector, {} as Labels);
    // An empty owner selector is no selector: upstream skips the defaults when theirs is empty.
    cs = sel.selector.requirements.length === 0 ? [] : [
      { ...sel, maxSkew: 3, topologyKey: hostnameLabel, hard: false, minDomains: 1, honorNodeAffinity: true, honorNodeTaints: false },
      { ...sel, maxSkew: 5, topologyKey: zoneLabel, hard: false, minDomains: 1, honorNodeAffinity: true, honorNodeTaints: false },
    ];
    defaults.set(ownerSelector, cs);
  }
  return cs;
}

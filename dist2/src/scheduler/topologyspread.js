// PodTopologySpread, as kube-scheduler's plugin behaves. A constraint counts, per value of its
// topology key (a domain), the Pods of the incoming Pod's namespace that its selector picks and that
// are not being deleted, on the nodes that carry every constrained key and pass the node inclusion
// policies. DoNotSchedule constraints filter: placing the Pod must not leave its domain more than
// maxSkew above the emptiest domain (taken as 0 while fewer than minDomains domains exist).
// ScheduleAnyway constraints, or the cluster defaults for a Pod with none, score: fewer matching Pods
// in the node's domains is better, each constraint weighted by the log of its domain count.
import { fail, matchesNodeAffinity, untoleratedTaint } from './filters.js';
import { memoId } from './nodeinfo.js';
import { selects } from './podselectors.js';
import { maxScore } from './scores.js';
import { defaultSpreadConstraints, hostnameLabel } from './spreadconstraints.js';
const name = 'PodTopologySpread';
export const reasonConstraints = "node(s) didn't match pod topology spread constraints";
export const reasonMissingLabel = `${reasonConstraints} (missing required label)`;
const hasAllKeys = (node, cs) => cs.every((c) => node.labels[c.topologyKey] !== undefined);
/** Whether the node's Pods count for the constraint, per nodeAffinityPolicy and nodeTaintsPolicy. */
function included(c, pod, node) {
    return (!c.honorNodeAffinity || matchesNodeAffinity(pod, node)) && (!c.honorNodeTaints || untoleratedTaint(pod, node) === undefined);
}
/** Counts a node's Pods in the incoming Pod's namespace that the constraint selects, not being deleted. */
function counter(c, pod) {
    const ns = pod.namespace;
    const id = memoId(`s:${ns}:${c.id}`);
    const matches = (p) => p.namespace === ns && !p.deleting && selects(c, p.labels);
    return (node) => node.countMatching(id, matches);
}
export const podTopologySpreadFilter = {
    name,
    preFilter: (pod, cluster) => {
        const constraints = pod.spread.filter((c) => c.hard);
        if (constraints.length === 0)
            return null;
        const counts = constraints.map(() => new Map());
        const count = constraints.map((c) => counter(c, pod));
        for (const node of cluster.nodes) {
            if (!hasAllKeys(node, constraints))
                continue;
            for (let i = 0; i < constraints.length; i++) {
                const c = constraints[i];
                if (!included(c, pod, node))
                    continue;
                const value = node.labels[c.topologyKey];
                counts[i].set(value, (counts[i].get(value) ?? 0) + count[i](node));
            }
        }
        const min = counts.map((m) => {
            let least = Infinity;
            for (const n of m.values())
                least = Math.min(least, n);
            return least;
        });
        return { constraints, counts, min, self: constraints.map((c) => (selects(c, pod.labels) ? 1 : 0)) };
    },
    filter: (_pod, node, s) => {
        for (let i = 0; i < s.constraints.length; i++) {
            const c = s.constraints[i];
            const value = node.labels[c.topologyKey];
            if (value === undefined)
                return fail(name, true, reasonMissingLabel);
            const counts = s.counts[i];
            const min = counts.size < c.minDomains ? 0 : s.min[i];
            if ((counts.get(value) ?? 0) + s.self[i] - min > c.maxSkew)
                return fail(name, false, reasonConstraints);
        }
        return null;
    },
};
function scoreConstraints(pod, cluster) {
    if (pod.spread.length)
        return pod.spread.filter((c) => !c.hard);
    const selector = cluster.ownerSelector(pod);
    return selector ? defaultSpreadConstraints(selector) : [];
}
export const podTopologySpreadScore = {
    name,
    weight: 2,
    preScore: (pod, feasible, n, cluster) => {
        const constraints = scoreConstraints(pod, cluster);
        if (constraints.length === 0)
            return null;
        // The defaults do not require every key: a node without a zone still spreads by hostname.
        const requireAll = pod.spread.length > 0;
        const counts = constraints.map(() => new Map());
        const ignored = new Set();
        const ignoredAt = new Uint8Array(n);
        for (let j = 0; j < n; j++) {
            const node = feasible[j];
            if (requireAll && !hasAllKeys(node, constraints)) {
                ignored.add(node);
                ignoredAt[j] = 1;
                continue;
            }
            for (let i = 0; i < constraints.length; i++) {
                const key = constraints[i].topologyKey;
                if (key !== hostnameLabel)
                    counts[i].set(node.labels[key] ?? '', 0);
            }
        }
        const weights = constraints.map((c, i) => Math.log((c.topologyKey === hostnameLabel ? n - ignored.size : counts[i].size) + 2));
        const count = constraints.map((c) => counter(c, pod));
        // Hostname domains are one node each: score counts those itself.
        const zonal = constraints.some((c) => c.topologyKey !== hostnameLabel);
        for (let j = 0; zonal && j < cluster.nodes.length; j++) {
            const node = cluster.nodes[j];
            if (requireAll && !hasAllKeys(node, constraints))
                continue;
            for (let i = 0; i < constraints.length; i++) {
                const c = constraints[i];
                if (c.topologyKey === hostnameLabel || !included(c, pod, node))
                    continue;
                const value = node.labels[c.topologyKey] ?? '';
                const had = counts[i].get(value);
                if (had !== undefined)
                    counts[i].set(value, had + count[i](node));
            }
        }
        return { constraints, counts, count, weights, ignored, ignoredAt };
    },
    score: (_pod, node, s) => {
        if (s.ignored.has(node))
            return 0;
        let sum = 0;
        for (let i = 0; i < s.constraints.length; i++) {
            const c = s.constraints[i];
            const value = node.labels[c.topologyKey];
            if (value === undefined)
                continue;
            const n = c.topologyKey === hostnameLabel ? s.count[i](node) : s.counts[i].get(value) ?? 0;
            sum += n * s.weights[i] + (c.maxSkew - 1);
        }
        return Math.round(sum);
    },
    normalize: (scores, n, s) => {
        let min = Infinity;
        let max = 0;
        for (let i = 0; i < n; i++) {
            if (s.ignoredAt[i])
                continue;
            min = Math.min(min, scores[i]);
            max = Math.max(max, scores[i]);
        }
        for (let i = 0; i < n; i++) {
            if (s.ignoredAt[i])
                scores[i] = 0;
            else
                scores[i] = max === 0 ? maxScore : Math.trunc((maxScore * (max + min - scores[i])) / max);
        }
    },
};
//# sourceMappingURL=topologyspread.js.map
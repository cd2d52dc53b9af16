// InterPodAffinity, as kube-scheduler's plugin behaves. Topology domains are (node label key, value)
// pairs. The filter counts, over every node once per decision: the Pods matching all of the incoming
// Pod's required affinity terms, the Pods matching each of its required anti-affinity terms, and the
// existing Pods whose required anti-affinity terms match the incoming Pod. A node then passes when
// each affinity term's domain holds a match (or, for the first Pod of a group, nothing matches
// anywhere and the Pod matches its own terms), no anti-affinity term's domain holds a match, and no
// existing Pod's anti-affinity covers the node's domains. Preferred terms, both the incoming Pod's and
// the existing Pods' (whose required affinity terms count with weight 1), score the domains.
import { fail } from './filters.js';
import { memoId } from './nodeinfo.js';
import { termMatches } from './podselectors.js';
import { maxScore } from './scores.js';
const name = 'InterPodAffinity';
export const reasonAffinity = "node(s) didn't match pod affinity rules";
export const reasonAntiAffinity = "node(s) didn't match pod anti-affinity rules";
export const reasonExistingAntiAffinity = "node(s) didn't satisfy existing pods anti-affinity rules";
/** Upstream's HardPodAffinityWeight default: how much an existing Pod's required affinity counts in scoring. */
const hardPodAffinityWeight = 1;
/** Counts per topology key, then per value of that key. */
class DomainCounts {
    byKey = new Map();
    add(key, value, n) {
        let m = this.byKey.get(key);
        if (!m)
            this.byKey.set(key, (m = new Map()));
        m.set(value, (m.get(value) ?? 0) + n);
    }
    get(key, value) {
        return this.byKey.get(key)?.get(value) ?? 0;
    }
    get empty() {
        return this.byKey.size === 0;
    }
}
/** Counts a node's Pods that a term selects (memoized per node). */
function counter(term, nsLabels) {
    const id = memoId(`t:${term.id}`);
    const matches = (p) => termMatches(term, p.namespace, p.labels, nsLabels);
    return (node) => node.countMatching(id, matches);
}
/** Names the incoming Pod in memo ids: what existing Pods' terms look at. */
const podId = (pod) => `${pod.namespace}:${JSON.stringify(pod.labels)}`;
/** Sums weights per topology key. */
function addTo(m, key, n) {
    m.set(key, (m.get(key) ?? 0) + n);
}
/** The domains where existing Pods' required anti-affinity terms select the incoming Pod. */
function existingAntiAffinity(pod, cluster) {
    const counts = new DomainCounts();
    const id = memoId(`x:${podId(pod)}`);
    const perKey = (node) => {
        const m = new Map();
        for (const existing of node.podsWithRequiredAntiAffinity.values()) {
            for (const t of existing.affinity.requiredAnti)
                if (termMatches(t, pod.namespace, pod.labels, cluster.namespaceLabels))
                    addTo(m, t.topologyKey, 1);
        }
        return m;
    };
    for (const node of cluster.nodes) {
        if (node.podsWithRequiredAntiAffinity.size === 0)
            continue;
        for (const [key, n] of node.memo(id, perKey)) {
            const value = node.labels[key];
            if (value !== undefined)
                counts.add(key, value, n);
        }
    }
    return counts;
}
export const interPodAffinityFilter = {
    name,
    preFilter: (pod, cluster) => {
        const required = pod.affinity?.required ?? [];
        const requiredAnti = pod.affinity?.requiredAnti ?? [];
        if (required.length === 0 && requiredAnti.length === 0 && cluster.affinityTotals.withRequiredAntiAffinity === 0)
            return null;
        const existing = existingAntiAffinity(pod, cluster);
        if (required.length === 0 && requiredAnti.length === 0 && existing.empty)
            return null;
        const nsLabels = cluster.namespaceLabels;
        const affinity = new DomainCounts();
        const antiAffinity = new DomainCounts();
        const matchesAll = (p) => required.every((t) => termMatches(t, p.namespace, p.labels, nsLabels));
        const allId = memoId(`a:${required.map((t) => t.id).join('|')}`);
        const antiCount = requiredAnti.map((t) => counter(t, nsLabels));
        for (const node of cluster.nodes) {
            if (node.pods.size === 0)
                continue;
            if (required.length) {
                const n = node.countMatching(allId, matchesAll);
                if (n > 0) {
                    for (const t of required) {
                        const value = node.labels[t.topologyKey];
                        if (value !== undefined)
                            affinity.add(t.topologyKey, value, n);
                    }
                }
            }
            requiredAnti.forEach((t, i) => {
                const value = node.labels[t.topologyKey];
                if (value === undefined)
                    return;
                const n = antiCount[i](node);
                if (n > 0)
                    antiAffinity.add(t.topologyKey, value, n);
            });
        }
        return { affinity, antiAffinity, existingAntiAffinity: existing, selfMatch: required.length > 0 && matchesAll(pod) };
    },
    filter: (pod, node, s) => {
        const required = pod.affinity?.required ?? [];
        let podsExist = true;
        for (const t of required) {
            const value = node.labels[t.topologyKey];
            // Every topology key of the terms must be on the node.
            if (value === undefined)
                return fail(name, true, reasonAffinity);
            if (s.affinity.get(t.topologyKey, value) <= 0)
                podsExist = false;
        }
        // The first Pod of a group whose affinity is to itself: nothing matches yet, anywhere.
        if (!podsExist && !(s.affinity.empty && s.selfMatch))
            return fail(name, true, reasonAffinity);
        for (const t of pod.affinity?.requiredAnti ?? []) {
            const value = node.labels[t.topologyKey];
            if (value !== undefined && s.antiAffinity.get(t.topologyKey, value) > 0)
                return fail(name, false, reasonAntiAffinity);
        }
        if (!s.existingAntiAffinity.empty) {
            for (const [key, values] of s.existingAntiAffinity.byKey) {
                const value = node.labels[key];
                if (value !== undefined && (values.get(value) ?? 0) > 0)
                    return fail(name, false, reasonExistingAntiAffinity);
            }
        }
        return null;
    },
};
/** Preferred (anti-)affinity: each matching Pod adds (or takes) its term's weight to its node's domain. */
export const interPodAffinityScore = {
    name,
    weight: 2,
    preScore: (pod, _feasible, _n, cluster) => {
        const preferred = pod.affinity?.preferred ?? [];
        const preferredAnti = pod.affinity?.preferredAnti ?? [];
        const own = preferred.length + preferredAnti.length > 0;
        if (!own && cluster.affinityTotals.withAffinity === 0)
            return null;
        const nsLabels = cluster.namespaceLabels;
        const scores = new DomainCounts();
        const add = (node, key, n) => {
            const value = node.labels[key];
            if (value !== undefined && n !== 0)
                scores.add(key, value, n);
        };
        const preferredCount = preferred.map(({ term }) => counter(term, nsLabels));
        const preferredAntiCount = preferredAnti.map(({ term }) => counter(term, nsLabels));
        // What the existing Pods' terms say of this Pod, per node and topology key.
        const selects = (t) => termMatches(t, pod.namespace, pod.labels, nsLabels);
        const existingId = memoId(`e:${podId(pod)}`);
        const existingWeights = (node) => {
            const m = new Map();
            for (const existing of node.podsWithAffinity.values()) {
                const a = existing.affinity;
                for (const t of a.required)
                    if (selects(t))
                        addTo(m, t.topologyKey, hardPodAffinityWeight);
                for (const { weight, term } of a.preferred)
                    if (selects(term))
                        addTo(m, term.topologyKey, weight);
                for (const { weight, term } of a.preferredAnti)
                    if (selects(term))
                        addTo(m, term.topologyKey, -weight);
            }
            return m;
        };
        for (const node of cluster.nodes) {
            if (node.pods.size === 0 || (!own && node.podsWithAffinity.size === 0))
                continue;
            preferred.forEach(({ weight, term }, i) => add(node, term.topologyKey, weight * preferredCount[i](node)));
            preferredAnti.forEach(({ weight, term }, i) => add(node, term.topologyKey, -weight * preferredAntiCount[i](node)));
            if (node.podsWithAffinity.size === 0)
                continue;
            for (const [key, w] of node.memo(existingId, existingWeights))
                add(node, key, w);
        }
        return scores.empty ? null : scores;
    },
    score: (_pod, node, scores) => {
        let sum = 0;
        for (const [key, values] of scores.byKey) {
            const value = node.labels[key];
            if (value !== undefined)
                sum += values.get(value) ?? 0;
        }
        return sum;
    },
    normalize: (scores, n) => {
        let min = Infinity;
        let max = -Infinity;
        for (let i = 0; i < n; i++) {
            min = Math.min(min, scores[i]);
            max = Math.max(max, scores[i]);
        }
        const span = max - min;
        for (let i = 0; i < n; i++)
            scores[i] = span > 0 ? (maxScore * (scores[i] - min)) / span : 0;
    },
};
//# sourceMappingURL=interpodaffinity.js.map
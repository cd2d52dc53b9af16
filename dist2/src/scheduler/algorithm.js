// One scheduling decision: filter nodes until enough feasible ones are found (sampling, as upstream's
// percentageOfNodesToScore does for big clusters), score those, pick the best (ties at random).
// Synchronous and allocation-light: it runs once per Pod at thousands of Pods per second. Plugins
// with nothing to say about a Pod (most Pods have no inter-Pod affinity) drop out in preFilter /
// preScore and cost nothing per node.
import { affinityTotalsOf, noLookups } from './clusterview.js';
import { PreFilterRejection } from './filters.js';
import { fitErrorMessage } from './fiterror.js';
import { defaultFilters, defaultScores } from './profile.js';
const minFeasibleNodes = 100;
const minFeasiblePercentage = 5;
export function numFeasibleNodesToFind(numAllNodes, percentage = 0) {
    if (numAllNodes < minFeasibleNodes || percentage >= 100)
        return numAllNodes;
    let pct = percentage;
    if (pct <= 0)
        pct = Math.max(minFeasiblePercentage, 50 - numAllNodes / 125);
    return Math.max(minFeasibleNodes, Math.floor((numAllNodes * pct) / 100));
}
export class Algorithm {
    #filters;
    #scores;
    #percentage;
    #random;
    #nextStart = 0;
    #feasible = [];
    #raw = new Float64Array(0);
    #total = new Float64Array(0);
    /** This decision's filters that apply, and their preFilter states. */
    #active = [];
    #states = [];
    /** Set when a preFilter found that the Pod fits no node at all. */
    #rejection;
    constructor(opts = {}) {
        this.#filters = opts.filters ?? defaultFilters;
        this.#scores = opts.scores ?? defaultScores;
        this.#percentage = opts.percentageOfNodesToScore ?? 0;
        this.#random = opts.random ?? Math.random;
    }
    schedule(pod, nodes, lookups = noLookups) {
        const cluster = {
            nodes,
            namespaceLabels: lookups.namespaceLabels,
            ownerSelector: lookups.ownerSelector,
            affinityTotals: lookups.affinityTotals ?? affinityTotalsOf(nodes),
        };
        this.#preFilter(pod, cluster);
        const all = nodes.length;
        const rejection = this.#rejection;
        if (rejection) {
            const failures = nodes.map(() => ({ plugin: rejection.plugin, reasons: [], unresolvable: true }));
            return { ok: false, message: fitErrorMessage(all, failures, undefined, rejection.message), failures };
        }
        const want = numFeasibleNodesToFind(all, this.#percentage);
        const feasible = this.#feasible;
        feasible.length = 0;
        const failures = [];
        let evaluated = 0;
        // Start where the previous decision stopped, so sampling visits every node over time.
        const start = all ? this.#nextStart % all : 0;
        for (; evaluated < all && feasible.length < want; evaluated++) {
            const node = nodes[(start + evaluated) % all];
            const failure = this.#filter(pod, node);
            if (failure)
                failures.push(failure);
            else
                feasible.push(node);
        }
        this.#nextStart = start + evaluated;
        if (feasible.length === 0)
            return { ok: false, message: fitErrorMessage(all, failures), failures };
        const best = feasible.length === 1 ? feasible[0] : this.#pick(pod, feasible, cluster);
        return { ok: true, node: best, feasible: feasible.length, evaluated };
    }
    /** Whether pod passes every filter on node as the cluster now stands (preemption's what-if). */
    fits(pod, node, nodes, lookups = noLookups) {
        const cluster = { nodes, namespaceLabels: lookups.namespaceLabels, ownerSelector: lookups.ownerSelector, affinityTotals: lookups.affinityTotals ?? affinityTotalsOf(nodes) };
        this.#preFilter(pod, cluster);
        return !this.#rejection && this.#filter(pod, node) === null;
    }
    #preFilter(pod, cluster) {
        this.#active.length = 0;
        this.#states.length = 0;
        this.#rejection = undefined;
        for (const f of this.#filters) {
            const state = f.preFilter ? f.preFilter(pod, cluster) : undefined;
            if (state === null)
                continue;
            if (state instanceof PreFilterRejection) {
                this.#rejection = { plugin: f.name, message: state.message };
                return;
            }
            this.#active.push(f);
            this.#states.push(state);
        }
    }
    #filter(pod, node) {
        const active = this.#active;
        for (let i = 0; i < active.length; i++) {
            const failure = active[i].filter(pod, node, this.#states[i]);
            if (failure)
                return failure;
        }
        return null;
    }
    #pick(pod, feasible, cluster) {
        const n = feasible.length;
        if (this.#raw.length < n) {
            this.#raw = new Float64Array(n * 2);
            this.#total = new Float64Array(n * 2);
        }
        const raw = this.#raw;
        const total = this.#total;
        total.fill(0, 0, n);
        for (const plugin of this.#scores) {
            const state = plugin.preScore(pod, feasible, n, cluster);
            if (state === null)
                continue;
            for (let i = 0; i < n; i++)
                raw[i] = plugin.score(pod, feasible[i], state);
            plugin.normalize?.(raw, n, state);
            // whole points, as upstream scores: near-equal nodes tie and the tie is broken at random
            for (let i = 0; i < n; i++)
                total[i] += plugin.weight * Math.trunc(raw[i]);
        }
        // Reservoir sampling over the best: each tied node is equally likely.
        let best = 0;
        let ties = 1;
        for (let i = 1; i < n; i++) {
            if (total[i] > total[best]) {
                best = i;
                ties = 1;
            }
            else if (total[i] === total[best]) {
                ties++;
                if (this.#random() * ties < 1)
                    best = i;
            }
        }
        return feasible[best];
    }
}
//# sourceMappingURL=algorithm.js.map
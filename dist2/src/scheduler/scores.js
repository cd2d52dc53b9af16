// Score plugins: each rates a feasible node 0..100 for a Pod; the scheduler sums them by weight.
// Plugins whose raw values only mean something relative to the other nodes normalize them afterwards.
import { matchesTerm } from './affinity.js';
export const maxScore = 100;
const always = () => true;
/** Prefers nodes with the most CPU and memory left after placing the Pod. */
export const leastAllocated = {
    name: 'NodeResourcesLeastAllocated',
    weight: 1,
    preScore: always,
    score: (pod, node) => {
        const a = node.allocatable;
        const r = node.nonZeroRequested;
        return (free(r.cpu + pod.nonZero.cpu, a.cpu) + free(r.memory + pod.nonZero.memory, a.memory)) / 2;
    },
};
function free(requested, capacity) {
    if (capacity <= 0 || requested > capacity)
        return 0;
    return ((capacity - requested) * maxScore) / capacity;
}
/** Prefers nodes whose CPU and memory would be used in equal proportion, so neither strands the other. */
export const balancedAllocation = {
    name: 'NodeResourcesBalancedAllocation',
    weight: 1,
    preScore: always,
    score: (pod, node) => {
        const a = node.allocatable;
        const r = node.nonZeroRequested;
        const cpu = a.cpu > 0 ? Math.min(1, (r.cpu + pod.nonZero.cpu) / a.cpu) : 1;
        const mem = a.memory > 0 ? Math.min(1, (r.memory + pod.nonZero.memory) / a.memory) : 1;
        // the standard deviation of two fractions is half their distance
        return (1 - Math.abs(cpu - mem) / 2) * maxScore;
    },
};
/** preferredDuringScheduling node affinity: the summed weights of the matching terms. */
export const nodeAffinityPreferred = {
    name: 'NodeAffinity',
    weight: 2,
    preScore: (pod) => (pod.preferredTerms.length > 0 ? true : null),
    score: (pod, node) => {
        let sum = 0;
        for (const p of pod.preferredTerms)
            if (matchesTerm(p.preference, node.labels, node.name))
                sum += p.weight;
        return sum;
    },
    normalize: (scores, n) => {
        let max = 0;
        for (let i = 0; i < n; i++)
            max = Math.max(max, scores[i]);
        for (let i = 0; i < n; i++)
            scores[i] = max > 0 ? (scores[i] * maxScore) / max : 0;
    },
};
//# sourceMappingURL=scores.js.map
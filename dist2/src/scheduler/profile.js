// The default profile: kube-scheduler's default plugins that berth has, in upstream's order (cheap,
// unresolvable filters first; the cluster-wide ones last) and with upstream's score weights.
import { nodeAffinity, nodeName, nodePorts, nodeReady, nodeResourcesFit, nodeUnschedulable, taintToleration } from './filters.js';
import { interPodAffinityFilter, interPodAffinityScore } from './interpodaffinity.js';
import { balancedAllocation, leastAllocated, nodeAffinityPreferred } from './scores.js';
import { podTopologySpreadFilter, podTopologySpreadScore } from './topologyspread.js';
export const defaultFilters = [
    nodeReady, nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit, podTopologySpreadFilter, interPodAffinityFilter,
];
export const defaultScores = [leastAllocated, balancedAllocation, nodeAffinityPreferred, podTopologySpreadScore, interPodAffinityScore];
//# sourceMappingURL=profile.js.map
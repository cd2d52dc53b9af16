// Preemption (upstream's DefaultPreemption PostFilter): when a Pod fits nowhere, find the node where
// evicting Pods of lower priority lets it fit. On each node the what-if removes every lower-priority
// Pod, checks the Pod fits, then gives back as many as it can (the most important first, those a
// PodDisruptionBudget protects before the others), so the victims are the fewest and least important.
// The node chosen has the fewest budget violations, then the lowest top victim priority, the lowest sum
// of priorities, the fewest victims. Budgets are honoured as best effort, as upstream: a node whose
// victims would break one is chosen only when no other will do.
import { budgetsCovering } from '../api/disruption.js';
/** Importance as upstream's MoreImportantPod orders victims: higher priority first. */
const moreImportant = (a, b) => b.priority - a.priority;
/** Victims split by whether evicting them would go beyond a budget's disruptionsAllowed. */
function splitByBudget(victims, view) {
    const allowed = new Map();
    const violating = [];
    const fine = [];
    for (const v of victims) {
        const ref = view.labelsOf(v);
        const pod = { metadata: { namespace: ref.namespace, name: ref.name, labels: ref.labels } };
        let breaks = false;
        for (const pdb of budgetsCovering(view.budgets(ref.namespace), pod)) {
            if (pdb.status?.disruptedPods?.[ref.name])
                continue; // already counted as disrupted
            const left = (allowed.get(pdb) ?? pdb.status?.disruptionsAllowed ?? 0) - 1;
            allowed.set(pdb, left);
            if (left < 0)
                breaks = true;
        }
        (breaks ? violating : fine).push(v);
    }
    return { violating, fine };
}
/** The fewest lower-priority Pods to evict from node for pod to fit, or undefined if that cannot help. */
function victimsOn(pod, node, nodes, algorithm, lookups, view) {
    const lower = [...node.pods.values()].filter((p) => p.priority < pod.priority).sort(moreImportant);
    if (!lower.length)
        return undefined;
    // The what-if runs on the cache's own NodeInfo and puts every Pod back before it returns.
    for (const p of lower)
        node.removePod(p.key);
    const removed = new Set(lower);
    try {
        if (!algorithm.fits(pod, node, nodes, lookups))
            return undefined;
        const { violating, fine } = splitByBudget(lower, view);
        const victims = [];
        let violations = 0;
        const reprieve = (p, breaksBudget) => {
            node.addPod(p);
            removed.delete(p);
            if (algorithm.fits(pod, node, nodes, lookups))
                return;
            node.removePod(p.key);
            removed.add(p);
            victims.push(p);
            if (breaksBudget)
                violations++;
        };
        for (const p of violating)
            reprieve(p, true);
        for (const p of fine)
            reprieve(p, false);
        return { node, victims, violations };
    }
    finally {
        for (const p of removed)
            node.addPod(p);
    }
}
/** Lower is better, compared in order (pickOneNodeForPreemption's criteria). */
function rank(c) {
    // Offset as upstream does, so that negative priorities still sum to a comparable value.
    const sum = c.victims.reduce((n, v) => n + v.priority + 2 ** 31, 0);
    return [c.violations, Math.max(...c.victims.map((v) => v.priority)), sum, c.victims.length];
}
function better(a, b) {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++)
        if (ra[i] !== rb[i])
            return ra[i] < rb[i];
    return false;
}
/** The node to preempt on and its victims, or undefined when preemption cannot make pod fit. */
export function findPreemption(pod, nodes, algorithm, lookups, view) {
    let best;
    for (const node of nodes) {
        const c = victimsOn(pod, node, nodes, algorithm, lookups, view);
        if (c && c.victims.length && (!best || better(c, best)))
            best = c;
    }
    return best;
}
//# sourceMappingURL=preemption.js.map
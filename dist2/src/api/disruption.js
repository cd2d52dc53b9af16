// Which PodDisruptionBudgets guard a Pod, as the eviction subresource and the scheduler's preemption
// read them: a budget whose selector is missing or empty guards nothing there (upstream: "it should
// match nothing, not everything"), and only a Ready Pod counts as healthy.
import { fromLabelSelectorObject, matchLabels } from './selectors/labels.js';
export const DISRUPTION_BUDGET_CAUSE = 'DisruptionBudget';
export function podIsReady(p) {
    return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
/** The budgets (of the Pod's namespace) whose non-empty selector matches the Pod's labels. */
export function budgetsCovering(pdbs, pod) {
    const out = [];
    for (const pdb of pdbs) {
        if (pdb.metadata.namespace !== pod.metadata.namespace)
            continue;
        const sel = pdb.spec?.selector;
        if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length))
            continue;
        try {
            if (matchLabels(fromLabelSelectorObject(sel), pod.metadata.labels))
                out.push(pdb);
        }
        catch {
            // an invalid selector matches nothing
        }
    }
    return out;
}
//# sourceMappingURL=disruption.js.map
// The FailedScheduling message, worded as kube-scheduler words it: a sorted histogram of the filter
// reasons, then what preemption said: nothing when it freed a node, its own verdict when the Pod may
// not preempt (`preemptionPolicy=Never`), else upstream's verdict when no victims would do:
// unresolvable failures are "not helpful", the rest have "no victims".
export function fitErrorMessage(numAllNodes, failures, preemption, preFilterMessage) {
    if (numAllNodes === 0)
        return 'no nodes available to schedule pods';
    const reasons = new Map();
    let notHelpful = 0;
    let noVictims = 0;
    for (const f of failures) {
        for (const r of f.reasons)
            reasons.set(r, (reasons.get(r) ?? 0) + 1);
        if (f.unresolvable)
            notHelpful++;
        else
            noVictims++;
    }
    let msg = `0/${numAllNodes} nodes are available:`;
    if (preFilterMessage)
        msg += ` ${preFilterMessage}.`;
    const histogram = [...reasons].map(([r, n]) => `${n} ${r}`).sort();
    if (histogram.length)
        msg += ` ${histogram.join(', ')}.`;
    if (preemption && 'nominated' in preemption)
        return msg;
    if (preemption)
        return `${msg} preemption: ${preemption.refused}`;
    const verdicts = [
        ...(notHelpful ? [`${notHelpful} Preemption is not helpful for scheduling`] : []),
        ...(noVictims ? [`${noVictims} No preemption victims found for incoming pod`] : []),
    ].sort();
    msg += ` preemption: 0/${numAllNodes} nodes are available:${verdicts.length ? ` ${verdicts.join(', ')}.` : ''}`;
    return msg;
}
//# sourceMappingURL=fiterror.js.map
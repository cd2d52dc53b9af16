// The FailedScheduling message, worded as kube-scheduler words it: a sorted histogram of the filter
// reasons, then what preemption would say. berth does not preempt; the preemption sentence follows
// upstream's verdict when no lower-priority victims exist: unresolvable failures are "not helpful",
// the rest have "no victims".

import type { FilterFailure } from './filters.js';

export function fitErrorMessage(numAllNodes: number, failures: Iterable<FilterFailure>): string {
  if (numAllNodes === 0) return 'no nodes available to schedule pods';
  const reasons = new Map<string, number>();
  let notHelpful = 0;
  let noVictims = 0;
  for (const f of failures) {
    for (const r of f.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    if (f.unresolvable) notHelpful++;
    else noVictims++;
  }
  let msg = `0/${numAllNodes} nodes are available:`;
  const histogram = [...reasons].map(([r, n]) => `${n} ${r}`).sort();
  if (histogram.length) msg += ` ${histogram.join(', ')}.`;
  const preemption = [
    ...(notHelpful ? [`${notHelpful} Preemption is not helpful for scheduling`] : []),
    ...(noVictims ? [`${noVictims} No preemption victims found for incoming pod`] : []),
  ].sort();
  msg += ` preemption: 0/${numAllNodes} nodes are available:${preemption.length ? ` ${preemption.join(', ')}.` : ''}`;
  return msg;
}

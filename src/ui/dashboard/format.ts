// Small words and numbers for the pages: ages, phases as kubectl shows them, resource requests.

import { parseQuantity, quantityMilliValue, quantityValue } from '../../api/quantity.js';
import type { Pod } from '../../api/types.js';

export function age(t: string | null | undefined): string {
  if (!t) return '—';
  const s = Math.max(0, (Date.now() - Date.parse(t)) / 1000);
  if (s < 120) return `${Math.floor(s)}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** The phase, or Terminating while a deletion is under way (as kubectl get shows it). */
export function phaseOf(p: Pod): string {
  return p.metadata.deletionTimestamp ? 'Terminating' : p.status?.phase ?? 'Pending';
}

/** What kubectl get shows as STATUS: a container's waiting reason (CrashLoopBackOff…) before the phase. */
export function statusOf(p: Pod): string {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  const waiting = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].find((c) => c.state?.waiting?.reason && c.state.waiting.reason !== 'ContainerCreating' && c.state.waiting.reason !== 'PodInitializing');
  return waiting?.state?.waiting?.reason ?? phaseOf(p);
}

const safe = <T>(f: () => T, fallback: T): T => {
  try {
    return f();
  } catch {
    return fallback;
  }
};
export const cpuMillis = (q: string | undefined): number => (q ? safe(() => quantityMilliValue(parseQuantity(q)), 0) : 0);
export const memBytes = (q: string | undefined): number => (q ? safe(() => quantityValue(parseQuantity(q)), 0) : 0);

/** What the scheduler counts for a Pod: its containers' requests summed (init containers aside). */
export function podRequests(p: Pod): { cpu: number; mem: number } {
  let cpu = 0;
  let mem = 0;
  for (const c of p.spec.containers) {
    cpu += cpuMillis(c.resources?.requests?.cpu);
    mem += memBytes(c.resources?.requests?.memory);
  }
  return { cpu, mem };
}

/** The colour class for statusOf: the phase's, or a warning's when a container's waiting reason stands in for it. */
export function statusClass(p: Pod): string {
  const status = statusOf(p);
  return status === phaseOf(p) ? status : 'bad';
}

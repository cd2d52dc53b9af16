// What a hollow node does with a Pod bound to it, decided without side effects: report it Running
// (or finished, when the annotation says so), delete it once it is being deleted, or nothing.

import type { ContainerStatus, Pod, PodStatus } from '../../api/types.js';

export const simExitAnnotation = 'berth.dev/sim-exit';

export type SimAction = { kind: 'status'; status: PodStatus } | { kind: 'delete' } | null;

export function simPodAction(pod: Pod, ips: { hostIP: string; podIP: string }, now: string): SimAction {
  if (pod.metadata.deletionTimestamp) return { kind: 'delete' };
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return null; // a terminal phase never changes
  const exit = pod.metadata.annotations?.[simExitAnnotation];
  const want = exit === '0' ? 'Succeeded' : exit === '1' ? 'Failed' : 'Running';
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  if (phase === want && (want !== 'Running' || ready)) return null;

  const podIP = pod.status?.podIP ?? ips.podIP;
  const startTime = pod.status?.startTime ?? now;
  const running = want === 'Running';
  const containerStatuses: ContainerStatus[] = pod.spec.containers.map((c) => ({
    name: c.name,
    ready: running,
    started: running,
    restartCount: 0,
    image: c.image ?? '',
    imageID: `sim://${c.image ?? ''}`,
    containerID: `sim://${pod.metadata.uid ?? pod.metadata.name}/${c.name}`,
    state: running
      ? { running: { startedAt: startTime } }
      : { terminated: { exitCode: want === 'Succeeded' ? 0 : 1, reason: want === 'Succeeded' ? 'Completed' : 'Error', startedAt: startTime, finishedAt: now } },
  }));
  const cond = (type: string, ok: boolean, reason?: string) => ({ type, status: ok ? ('True' as const) : ('False' as const), lastProbeTime: null, lastTransitionTime: now, ...(reason ? { reason } : {}) });
  const doneReason = running ? undefined : 'PodCompleted';
  return {
    kind: 'status',
    status: {
      phase: want,
      conditions: [
        cond('PodReadyToStartContainers', running),
        cond('Initialized', true),
        cond('Ready', running, doneReason),
        cond('ContainersReady', running, doneReason),
        cond('PodScheduled', true),
      ],
      hostIP: ips.hostIP,
      hostIPs: [{ ip: ips.hostIP }],
      podIP,
      podIPs: [{ ip: podIP }],
      startTime,
      containerStatuses,
    },
  };
}

/** Node i's addresses: host 10.255.x.y, pods from 10.(128 + i/256).(i%256).0/24. */
export function simNodeNetwork(i: number): { hostIP: string; podCIDR: string; podIP(n: number): string } {
  const hi = 128 + (i >> 8);
  const lo = i & 255;
  return {
    hostIP: `10.255.${i >> 8}.${lo}`,
    podCIDR: `10.${hi}.${lo}.0/24`,
    podIP: (n) => `10.${hi}.${lo}.${2 + (n % 252)}`,
  };
}

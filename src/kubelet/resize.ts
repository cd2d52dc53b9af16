// In-place resize, the kubelet's half: a running container whose spec cpu or memory differs from what
// its cgroup has is updated through the runtime (UpdateContainerResources: `runc update`) without a
// restart, unless its resizePolicy asks for one. A resize the node can never fit stays pending
// (Infeasible). The status shows what was allocated and applied, with the PodResizePending and
// PodResizeInProgress conditions of Kubernetes 1.33+.

import type { Container, ContainerStatus as ApiContainerStatus, Pod, PodCondition, PodStatus } from '../api/types.js';
import type { ContainerResources, ContainerStatus, RuntimeService } from '../runtime/types.js';
import { containerResourcesFor } from './containerConfig.js';
import { latestOf, type ObservedPod } from './observed.js';
import { cpuMillis, memoryBytes } from '../api/quantity.js';
import { rfc3339 } from '../api/time.js';

export interface ResizeState {
  /** The resize cannot be admitted: PodResizePending with this reason and message. */
  pending?: { reason: 'Infeasible'; message: string };
  /** The runtime refused it: PodResizeInProgress with reason Error. */
  error?: string;
  /** Some container's cgroup was changed (its status must be read again). */
  applied: boolean;
}

export interface ResizeDeps {
  runtime: RuntimeService;
  nodeAllocatable: Record<string, string>;
  /** Stops a container whose resizePolicy is RestartContainer; the sync restarts it with the new values. */
  restart(c: Container, s: ContainerStatus): Promise<void>;
}

const CONDITIONS = ['PodResizePending', 'PodResizeInProgress'];

/** Containers that run on while the Pod runs: app containers and sidecars. */
function resizable(pod: Pod): Container[] {
  return [...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'), ...pod.spec.containers];
}

function changed(want: ContainerResources, have: ContainerResources | undefined): ('cpu' | 'memory')[] {
  const out: ('cpu' | 'memory')[] = [];
  if (want.cpuMillis !== have?.cpuMillis || want.cpuShares !== have?.cpuShares) out.push('cpu');
  if (want.memoryLimit !== have?.memoryLimit) out.push('memory');
  return out;
}

/** Upstream's Infeasible test: the Pod's requests beyond what the node can ever give. */
function infeasible(pod: Pod, allocatable: Record<string, string>): string | undefined {
  const total = { cpu: 0, memory: 0 };
  for (const c of resizable(pod)) {
    total.cpu += cpuMillis(c.resources?.requests?.cpu) ?? 0;
    total.memory += memoryBytes(c.resources?.requests?.memory) ?? 0;
  }
  const capacity = { cpu: cpuMillis(allocatable.cpu), memory: memoryBytes(allocatable.memory) };
  for (const r of ['cpu', 'memory'] as const) {
    const cap = capacity[r];
    if (cap !== undefined && total[r] > cap) return `Node didn't have enough capacity: ${r}, requested: ${total[r]}, capacity: ${cap}`;
  }
  return undefined;
}

export async function applyResizes(pod: Pod, observed: ObservedPod, deps: ResizeDeps): Promise<ResizeState> {
  const work = resizable(pod).flatMap((c) => {
    const s = latestOf(observed, c.name);
    if (s?.state !== 'running') return [];
    const want = containerResourcesFor(c);
    const what = changed(want, s.resources);
    return what.length ? [{ c, s, want, what }] : [];
  });
  if (work.length === 0) return { applied: false };
  const why = infeasible(pod, deps.nodeAllocatable);
  if (why) return { pending: { reason: 'Infeasible', message: why }, applied: false };
  const state: ResizeState = { applied: true };
  for (const { c, s, want, what } of work) {
    const restart = what.some((r) => c.resizePolicy?.find((p) => p.resourceName === r)?.restartPolicy === 'RestartContainer');
    try {
      if (restart) await deps.restart(c, s);
      else await deps.runtime.updateContainerResources(s.id, want);
    } catch (e) {
      state.error = (e as Error).message;
    }
  }
  return state;
}

/** cpu and memory of a resource list, the two a resize moves. */
function cpuMemory(list: Record<string, string> | undefined): Record<string, string> | undefined {
  const out = Object.fromEntries(Object.entries(list ?? {}).filter(([k]) => k === 'cpu' || k === 'memory'));
  return Object.keys(out).length ? out : undefined;
}

/** What the cgroup holds, in the spec's own words when they mean the same amount. */
function appliedLimits(c: Container, have: ContainerResources | undefined): Record<string, string> | undefined {
  const spec = c.resources?.limits ?? {};
  const out: Record<string, string> = {};
  if (have?.cpuMillis) out.cpu = cpuMillis(spec.cpu) === have.cpuMillis ? spec.cpu! : have.cpuMillis % 1000 === 0 ? String(have.cpuMillis / 1000) : `${have.cpuMillis}m`;
  if (have?.memoryLimit) out.memory = memoryBytes(spec.memory) === have.memoryLimit ? spec.memory! : String(have.memoryLimit);
  return Object.keys(out).length ? out : undefined;
}

/** allocatedResources and resources on each container status, and the resize conditions. */
export function withResizeStatus(status: PodStatus, pod: Pod, observed: ObservedPod, state: ResizeState, now: Date): PodStatus {
  const old = pod.status ?? {};
  const annotate = (list: ApiContainerStatus[] | undefined, oldList: ApiContainerStatus[] | undefined) => list?.map((cs) => {
    const c = resizable(pod).find((x) => x.name === cs.name);
    if (!c) return cs;
    type Resized = ApiContainerStatus & { allocatedResources?: Record<string, string>; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } };
    const before = (oldList?.find((o) => o.name === cs.name) as Resized | undefined)?.allocatedResources;
    const allocated = state.pending && before ? before : cpuMemory(c.resources?.requests);
    const s = latestOf(observed, c.name);
    const limits = s?.state === 'running' ? appliedLimits(c, s.resources) : undefined;
    const resources = allocated || limits ? { ...(allocated ? { requests: allocated } : {}), ...(limits ? { limits } : {}) } : undefined;
    const out: Resized = { ...cs };
    if (allocated) out.allocatedResources = allocated;
    if (resources && s?.state === 'running') out.resources = resources;
    return out;
  });
  const stamp = (c: PodCondition): PodCondition => {
    const prev = old.conditions?.find((o) => o.type === c.type && o.status === c.status);
    return { ...c, lastProbeTime: null, lastTransitionTime: prev?.lastTransitionTime ?? rfc3339(now) };
  };
  const resize: PodCondition[] = [];
  if (state.pending) resize.push(stamp({ type: 'PodResizePending', status: 'True', ...state.pending }));
  if (state.error) resize.push(stamp({ type: 'PodResizeInProgress', status: 'True', reason: 'Error', message: state.error }));
  return {
    ...status,
    conditions: [...(status.conditions ?? []).filter((c) => !CONDITIONS.includes(c.type)), ...resize],
    ...(status.containerStatuses ? { containerStatuses: annotate(status.containerStatuses, old.containerStatuses) } : {}),
    ...(status.initContainerStatuses ? { initContainerStatuses: annotate(status.initContainerStatuses, old.initContainerStatuses) } : {}),
  };
}

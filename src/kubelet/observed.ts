// What the runtime shows of one Pod, grouped so decisions can ask "the latest instance of container
// x" without scanning. Built from listPodSandboxes/listContainers by the relister and once per sync;
// the sync records what its actions changed in a copy, so the status needs no second listing.

import type { ContainerStatus, RuntimeService, SandboxStatus } from '../runtime/types.js';
import { CONTAINER_NAME, POD_UID, RESTART_COUNT, SANDBOX_ATTEMPT } from './labels.js';

export interface ObservedPod {
  /** This Pod's sandboxes, newest first. */
  sandboxes: SandboxStatus[];
  /** This Pod's containers in every sandbox, any order. */
  containers: ContainerStatus[];
}

/** The Pod's own container name (the runtime's name may be decorated). */
export function containerNameOf(c: ContainerStatus): string {
  return c.labels[CONTAINER_NAME] ?? c.name;
}

export function restartCountOf(c: ContainerStatus): number {
  return Number(c.labels[RESTART_COUNT] ?? 0) || 0;
}

export function sandboxAttemptOf(s: SandboxStatus): number {
  return Number(s.labels[SANDBOX_ATTEMPT] ?? 0) || 0;
}

/** Instances of one container, newest (highest restart count) first. */
export function instancesOf(observed: ObservedPod, name: string): ContainerStatus[] {
  return observed.containers
    .filter((c) => containerNameOf(c) === name)
    .sort((a, b) => restartCountOf(b) - restartCountOf(a) || b.createdAt.localeCompare(a.createdAt));
}

export function latestOf(observed: ObservedPod, name: string): ContainerStatus | undefined {
  return instancesOf(observed, name)[0];
}

/** Group everything the runtime reports by Pod uid. */
export function groupByPod(sandboxes: SandboxStatus[], containers: ContainerStatus[]): Map<string, ObservedPod> {
  const byPod = new Map<string, ObservedPod>();
  const entry = (uid: string): ObservedPod => {
    let o = byPod.get(uid);
    if (!o) byPod.set(uid, (o = { sandboxes: [], containers: [] }));
    return o;
  };
  for (const s of sandboxes) entry(s.podUid).sandboxes.push(s);
  for (const c of containers) {
    const uid = c.labels[POD_UID];
    if (uid) entry(uid).containers.push(c);
  }
  for (const o of byPod.values()) {
    o.sandboxes.sort((a, b) => sandboxAttemptOf(b) - sandboxAttemptOf(a) || b.createdAt.localeCompare(a.createdAt));
  }
  return byPod;
}

/** The one listing of the runtime a sync takes: this Pod's sandboxes and containers. */
export async function observePod(runtime: Pick<RuntimeService, 'listPodSandboxes' | 'listContainers'>, uid: string): Promise<ObservedPod> {
  const [sandboxes, containers] = await Promise.all([runtime.listPodSandboxes(), runtime.listContainers({ labels: { [POD_UID]: uid } })]);
  return groupByPod(sandboxes.filter((s) => s.podUid === uid), containers).get(uid) ?? { sandboxes: [], containers: [] };
}

/** A copy for recording the results of actions, leaving the snapshot they were decided on as it was. */
export function copyObserved(o: ObservedPod): ObservedPod {
  return { sandboxes: [...o.sandboxes], containers: [...o.containers] };
}

/** Record a container's status as the runtime gave it after an action; null: it is gone. */
export function putContainer(o: ObservedPod, id: string, s: ContainerStatus | null): void {
  const i = o.containers.findIndex((c) => c.id === id);
  if (s && i >= 0) o.containers[i] = s;
  else if (s) o.containers.push(s);
  else if (i >= 0) o.containers.splice(i, 1);
}

/** Record a sandbox's status after an action; a new one is the newest. null: it is gone. */
export function putSandbox(o: ObservedPod, id: string, s: SandboxStatus | null): void {
  const i = o.sandboxes.findIndex((x) => x.id === id);
  if (s && i >= 0) o.sandboxes[i] = s;
  else if (s) o.sandboxes.unshift(s);
  else if (i >= 0) o.sandboxes.splice(i, 1);
}

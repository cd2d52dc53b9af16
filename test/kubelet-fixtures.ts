// Builders for kubelet tests: Pods and runtime observations in as few words as a table row needs.

import type { Container, Pod, PodSpec } from '../src/api/types.js';
import type { ContainerStatus, SandboxStatus } from '../src/runtime/types.js';
import { CONTAINER_NAME, POD_UID, RESTART_COUNT, SANDBOX_ATTEMPT } from '../src/kubelet/labels.js';
import type { ObservedPod } from '../src/kubelet/observed.js';

export const T0 = Date.parse('2024-05-01T10:00:00Z');
export const iso = (ms: number): string => new Date(ms).toISOString();

export function pod(spec: Partial<PodSpec> & { containers?: Container[] } = {}, extra: Partial<Pod> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: 'uid-1' },
    ...extra,
    spec: { containers: [{ name: 'app', image: 'busybox' }], ...spec },
  };
}

export function sandbox(state: SandboxStatus['state'] = 'ready', attempt = 0, id = `sb${attempt}`): SandboxStatus {
  return { id, podUid: 'uid-1', state, ip: '10.244.0.5', labels: { [POD_UID]: 'uid-1', [SANDBOX_ATTEMPT]: String(attempt) }, createdAt: iso(T0) };
}

export interface CtrOpts { restart?: number; exit?: number; startedAt?: number; finishedAt?: number; sandboxId?: string; reason?: string; id?: string }

export function ctr(name: string, state: ContainerStatus['state'], o: CtrOpts = {}): ContainerStatus {
  const restart = o.restart ?? 0;
  return {
    id: o.id ?? `${name}-${restart}`,
    sandboxId: o.sandboxId ?? 'sb0',
    name,
    state,
    imageRef: 'sha256:abc',
    createdAt: iso(o.startedAt ?? T0),
    ...(state !== 'created' ? { startedAt: iso(o.startedAt ?? T0) } : {}),
    ...(state === 'exited' ? { finishedAt: iso(o.finishedAt ?? T0 + 1000), exitCode: o.exit ?? 0 } : {}),
    ...(o.reason ? { reason: o.reason } : {}),
    logPath: `/logs/${name}/${restart}.log`,
    labels: { [POD_UID]: 'uid-1', [CONTAINER_NAME]: name, [RESTART_COUNT]: String(restart) },
  };
}

export function observed(containers: ContainerStatus[] = [], sandboxes: SandboxStatus[] = [sandbox()]): ObservedPod {
  return { sandboxes, containers };
}

// The Pod's status as the kubelet reports it, computed from the runtime's view plus the reasons the
// last sync left for containers it could not run. Pure; the status manager decides whether to send it.

import type { Container, ContainerState, ContainerStatus as ApiContainerStatus, Pod, PodCondition, PodPhase, PodStatus } from '../api/types.js';
import { rfc3339 } from '../api/time.js';
import type { ContainerStatus } from '../runtime/types.js';
import { ephemeralStatuses } from './ephemeral.js';
import { IMAGE_ID, IMAGE_NAME } from './labels.js';
import { instancesOf, restartCountOf, type ObservedPod } from './observed.js';
import { isSidecar, isTerminalPhase } from './podActions.js';
import type { ProbeResults } from './proberManager.js';

/** Why a container is not running, as the last sync found it (ErrImagePull, CrashLoopBackOff, …). */
export interface WaitingNote { reason: string; message: string }

export interface StatusInput {
  observed: ObservedPod;
  waiting: ReadonlyMap<string, WaitingNote>;
  hostIP: string;
  now: Date;
  /** The Pod is being torn down for good (deleted, evicted): stopped means finished, not restarting. */
  podIsTerminal?: boolean;
  /** The kubelet failed the Pod itself (activeDeadlineSeconds): phase Failed with this reason and message. */
  failure?: { reason: string; message: string };
  /** Readiness and startup as probed; without it a running container is ready and started. */
  probes?: Pick<ProbeResults, 'isReady' | 'isStarted'>;
  /** When the sandbox came up with its network, if this kubelet saw it: PodReadyToStartContainers turns True then, not when this status is computed. */
  sandboxReadyAt?: Date;
}

export const CONDITION_ORDER = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'] as const;

export function containerIdOf(id: string): string {
  return `runc://${id}`;
}

/** Reasons the runtime knows better than the exit code does. */
const RUNTIME_REASONS = ['OOMKilled', 'ContainerStatusUnknown'];

/** The runtime's moments (to the millisecond) as the Pod's Time fields carry them: whole seconds. */
function apiTime(runtimeTime: string): string {
  const at = Date.parse(runtimeTime);
  return Number.isNaN(at) ? runtimeTime : rfc3339(at);
}

function terminatedState(c: ContainerStatus): ContainerState {
  const exitCode = c.exitCode ?? 0;
  const reason = c.reason && RUNTIME_REASONS.includes(c.reason) ? c.reason : exitCode === 0 ? 'Completed' : 'Error';
  return {
    terminated: {
      exitCode,
      reason,
      ...(c.message ? { message: c.message } : {}),
      ...(c.startedAt ? { startedAt: apiTime(c.startedAt) } : {}),
      ...(c.finishedAt ? { finishedAt: apiTime(c.finishedAt) } : {}),
      containerID: containerIdOf(c.id),
    },
  };
}

/** isInit: a regular init container, ready once it completed (a sidecar is ready as an app container is). */
function containerStatus(spec: Container, input: StatusInput, defaultWaiting: string, old: ApiContainerStatus | undefined, isInit: boolean): ApiContainerStatus {
  const [latest, previous] = instancesOf(input.observed, spec.name);
  const note = input.waiting.get(spec.name);
  const restartCount = Math.max(latest ? restartCountOf(latest) : 0, old?.restartCount ?? 0);
  let state: ContainerState;
  let lastState: ContainerState = previous?.state === 'exited' ? terminatedState(previous) : old?.lastState ?? {};
  if (latest?.state === 'running' && !note) {
    state = { running: { ...(latest.startedAt ? { startedAt: apiTime(latest.startedAt) } : {}) } };
  } else if (note) {
    state = { waiting: { reason: note.reason, message: note.message } };
    if (latest?.state === 'exited') lastState = terminatedState(latest);
  } else if (latest?.state === 'exited') {
    state = terminatedState(latest);
  } else if (latest?.state === 'unknown' && old?.state) {
    // Its process is gone and conmon is recording the exit: say what was last known until it is.
    state = old.state;
  } else {
    state = { waiting: { reason: defaultWaiting } };
  }
  const running = !!state.running;
  const probed = running && latest && input.probes;
  const completed = state.terminated?.exitCode === 0;
  return {
    name: spec.name,
    state,
    lastState,
    ready: isInit ? completed : probed ? probed.isReady(spec, latest.id) : running,
    restartCount,
    image: latest?.labels[IMAGE_NAME] ?? old?.image ?? spec.image ?? '',
    imageID: latest?.labels[IMAGE_ID] ?? old?.imageID ?? '',
    ...(latest ? { containerID: containerIdOf(latest.id) } : {}),
    started: probed ? probed.isStarted(spec, latest.id) : running,
  };
}

/**
 * Kubernetes' getPhase over the statuses just computed (reference part C). Sidecars count as running while
 * they run (pending initialization until started), and not at all once stopped.
 */
export function podPhase(pod: Pod, inits: ApiContainerStatus[], containers: ApiContainerStatus[], podIsTerminal: boolean): PodPhase {
  const policy = pod.spec.restartPolicy ?? 'Always';
  const sidecar = (s: ApiContainerStatus) => (pod.spec.initContainers ?? []).some((c) => c.name === s.name && isSidecar(c));
  let pendingInit = 0;
  let failedInit = 0;
  let running = 0, waiting = 0, stopped = 0, succeeded = 0, unknown = 0;
  for (const s of inits.filter(sidecar)) {
    const st = s.state ?? {};
    if (st.running) {
      if (!s.started) pendingInit++;
      running++;
    } else if (st.waiting && !s.lastState?.terminated) {
      pendingInit++;
      waiting++;
    } else if (!st.terminated && !st.waiting) {
      pendingInit++;
      unknown++;
    }
  }
  for (const s of inits.filter((x) => !sidecar(x))) {
    const st = s.state ?? {};
    if (st.terminated) {
      if (st.terminated.exitCode !== 0) failedInit++;
    } else if (st.waiting && s.lastState?.terminated && s.lastState.terminated.exitCode !== 0) {
      failedInit++;
    } else {
      pendingInit++;
    }
  }
  for (const s of containers) {
    const st = s.state ?? {};
    if (st.running) running++;
    else if (st.terminated) {
      stopped++;
      if (st.terminated.exitCode === 0) succeeded++;
    } else if (st.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  const regularStarted = containers.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if ((pendingInit > 0 && !regularStarted) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return policy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}

function condition(type: string, ok: boolean, reason?: string, message?: string): PodCondition {
  return { type, status: ok ? 'True' : 'False', ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

function kubeletConditions(pod: Pod, input: StatusInput, phase: PodPhase, inits: ApiContainerStatus[], containers: ApiContainerStatus[]): PodCondition[] {
  const sandbox = input.observed.sandboxes[0];
  const networked = !!sandbox && sandbox.state === 'ready' && (!!pod.spec.hostNetwork || !!sandbox.ip);
  const regularStarted = containers.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
  const sidecars = new Set((pod.spec.initContainers ?? []).filter(isSidecar).map((c) => c.name));
  const incomplete = inits.filter((s) => (sidecars.has(s.name) ? !s.started : s.state?.terminated?.exitCode !== 0)).map((s) => s.name);
  const initialized = phase === 'Succeeded'
    ? condition('Initialized', true, 'PodCompleted')
    : incomplete.length === 0 || regularStarted
      ? condition('Initialized', true)
      : condition('Initialized', false, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`);
  const unready = [...inits.filter((s) => sidecars.has(s.name)), ...containers].filter((s) => !s.ready).map((s) => s.name);
  let containersReady: PodCondition;
  let ready: PodCondition;
  if (phase === 'Succeeded') {
    containersReady = condition('ContainersReady', false, 'PodCompleted');
    ready = condition('Ready', false, 'PodCompleted');
  } else if (unready.length > 0) {
    const message = `containers with unready status: [${unready.join(' ')}]`;
    containersReady = condition('ContainersReady', false, 'ContainersNotReady', message);
    ready = condition('Ready', false, 'ContainersNotReady', message);
  } else {
    containersReady = condition('ContainersReady', true);
    const gates = (pod.spec.readinessGates ?? []).map((g) => g.conditionType);
    const missing = gates.filter((g) => pod.status?.conditions?.find((c) => c.type === g)?.status !== 'True');
    ready = missing.length === 0
      ? condition('Ready', true)
      : condition('Ready', false, 'ReadinessGatesNotReady', `corresponding condition of pod readiness gate "${missing[0]}" does not exist.`);
  }
  return [condition('PodReadyToStartContainers', networked), initialized, ready, containersReady];
}

/** Keep lastTransitionTime when a condition's status did not change. */
function stamp(conds: PodCondition[], old: PodCondition[], now: string, sandboxReadyAt?: Date): PodCondition[] {
  return conds.map((c) => {
    const prev = old.find((o) => o.type === c.type);
    const at = c.type === 'PodReadyToStartContainers' && c.status === 'True' && sandboxReadyAt ? rfc3339(sandboxReadyAt) : now;
    return { ...c, lastProbeTime: null, lastTransitionTime: prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : at };
  });
}

export function computePodStatus(pod: Pod, input: StatusInput): PodStatus {
  const old = pod.status ?? {};
  const now = rfc3339(input.now);
  const hasInits = (pod.spec.initContainers ?? []).length > 0;
  const defaultWaiting = hasInits ? 'PodInitializing' : 'ContainerCreating';
  const oldOf = (list: ApiContainerStatus[] | undefined, name: string) => list?.find((s) => s.name === name);
  const inits = (pod.spec.initContainers ?? []).map((c) => containerStatus(c, input, defaultWaiting, oldOf(old.initContainerStatuses, c.name), !isSidecar(c)));
  const containers = pod.spec.containers.map((c) => containerStatus(c, input, defaultWaiting, oldOf(old.containerStatuses, c.name), false));
  const ephemeral = ephemeralStatuses(pod, (c, prev) => containerStatus(c, input, 'ContainerCreating', prev, false));
  const computed = podPhase(pod, inits, containers, !!input.podIsTerminal);
  const phase = isTerminalPhase(old.phase) ? old.phase! : input.failure ? 'Failed' : computed;
  const mine = kubeletConditions(pod, input, phase, inits, containers);
  const others = (old.conditions ?? []).filter((c) => !(CONDITION_ORDER as readonly string[]).includes(c.type));
  const sandbox = input.observed.sandboxes[0];
  const podIP = pod.spec.hostNetwork ? input.hostIP : sandbox?.ip ?? old.podIP;
  return {
    ...old,
    phase,
    conditions: [...stamp(mine, old.conditions ?? [], now, input.sandboxReadyAt), ...others],
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    ...(podIP ? { podIP, podIPs: [{ ip: podIP }] } : {}),
    startTime: old.startTime ?? now,
    ...(hasInits ? { initContainerStatuses: inits } : {}),
    containerStatuses: containers,
    ...(ephemeral.length ? { ephemeralContainerStatuses: ephemeral } : {}),
    ...(input.failure && !isTerminalPhase(old.phase) ? input.failure : {}),
  };
}

// The decision at the heart of the kubelet: given a Pod and what the runtime shows of it, what must be
// done now. A plain value out, no side effects, so every rule is table-tested without a runtime.

import type { Container, Pod } from '../api/types.js';
import type { ContainerStatus } from '../runtime/types.js';
import { ephemeralContainersToStart } from './ephemeral.js';
import { backoffKey, backoffRemaining, goDuration, type BackoffState } from './backoff.js';
import { containerNameOf, instancesOf, latestOf, sandboxAttemptOf, type ObservedPod } from './observed.js';
import type { ProbeFailure, ProbeResults } from './proberManager.js';

export interface ContainerToKill {
  id: string;
  name: string;
  reason: string;
  message: string;
  /** Probe kills: the probe's own grace period, and the message is the Killing event's text. */
  graceSeconds?: number;
}
export interface BackingOff { name: string; delayMs: number; message: string }

export interface PodActions {
  /** Stop every container and the sandbox (before re-creating it, or because the Pod is done). */
  killPod: boolean;
  createSandbox: boolean;
  /** The ready sandbox to start containers in (absent when one must be created). */
  sandboxId?: string;
  /** Attempt number for a sandbox to create. */
  attempt: number;
  initContainerToStart?: string;
  containersToStart: string[];
  /** Ephemeral containers that never ran: started in the ready sandbox, even during initialisation. */
  ephemeralContainersToStart: string[];
  containersToKill: ContainerToKill[];
  /** Containers that must restart but are still in CrashLoopBackOff. */
  backingOff: BackingOff[];
  /** When a sync is next due without any event (the earliest backoff expiry). */
  nextSyncAtMs?: number;
}

export function isTerminalPhase(phase: string | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Whether restartPolicy asks for another run of a container that exited with this code. */
export function shouldRestart(restartPolicy: string | undefined, exitCode: number | undefined): boolean {
  if (restartPolicy === 'Never') return false;
  if (restartPolicy === 'OnFailure') return exitCode !== 0;
  return true;
}

function succeeded(c: ContainerStatus | undefined): boolean {
  return c?.state === 'exited' && c.exitCode === 0;
}

function finishedAtMs(c: ContainerStatus): number {
  return Date.parse(c.finishedAt ?? c.startedAt ?? c.createdAt) || 0;
}

export function crashLoopMessage(pod: Pod, name: string, delayMs: number): string {
  const m = pod.metadata;
  return `back-off ${goDuration(delayMs)} restarting failed container=${name} pod=${m.name}_${m.namespace}(${m.uid})`;
}

export const PROBE_FAILURE = 'ProbeFailure';

export function computePodActions(pod: Pod, observed: ObservedPod, nowMs: number, backoff: BackoffState, probes?: Pick<ProbeResults, 'failed'>): PodActions {
  const policy = pod.spec.restartPolicy ?? 'Always';
  const inits = pod.spec.initContainers ?? [];
  const actions: PodActions = { killPod: false, createSandbox: false, attempt: 0, containersToStart: [], ephemeralContainersToStart: [], containersToKill: [], backingOff: [] };

  if (isTerminalPhase(pod.status?.phase)) return { ...actions, killPod: true };

  const sandbox = observed.sandboxes[0];
  if (!sandbox || sandbox.state !== 'ready') {
    actions.attempt = sandbox ? sandboxAttemptOf(sandbox) + 1 : 0;
    actions.killPod = !!sandbox || observed.containers.some((c) => c.state === 'running');
    // A Never pod whose sandbox died after its containers ran is over: it gets no second sandbox.
    if (sandbox && policy === 'Never' && observed.containers.length > 0) return { ...actions, killPod: true };
    const toStart = pod.spec.containers
      .filter((c) => !(policy === 'OnFailure' && succeeded(latestOf(observed, c.name))))
      .map((c) => c.name);
    if (toStart.length === 0) return { ...actions, killPod: true };
    actions.createSandbox = true;
    if (inits.length > 0) actions.initContainerToStart = inits[0]!.name;
    else actions.containersToStart = toStart;
    return actions;
  }

  actions.sandboxId = sandbox.id;
  const inSandbox: ObservedPod = { sandboxes: observed.sandboxes, containers: observed.containers.filter((c) => c.sandboxId === sandbox.id) };
  killStrays(pod, observed, actions);
  actions.ephemeralContainersToStart = ephemeralContainersToStart(pod, observed);

  // A started regular container means initialisation finished, even if init containers were since removed.
  const regularSeen = pod.spec.containers.some((c) => latestOf(inSandbox, c.name));
  if (!regularSeen) {
    const waitOn = nextInitStep(pod, inits, inSandbox, nowMs, backoff, actions);
    if (waitOn !== 'done') return actions;
  }

  let keep = 0;
  for (const c of pod.spec.containers) {
    const latest = latestOf(observed, c.name);
    if (!latest) {
      actions.containersToStart.push(c.name);
    } else if (latest.state === 'running' && probes?.failed(latest.id)) {
      killForProbe(pod, c, observed, probes.failed(latest.id)!, { nowMs, backoff }, actions);
      keep++;
    } else if (latest.state === 'running' || latest.state === 'unknown') {
      // unknown: the process ended and its live conmon is recording the exit (a lost exit is reported as
      // exited by the runtime); the relist will see it.
      keep++;
    } else if (latest.state === 'exited') {
      if (shouldRestart(policy, latest.exitCode) && restartOrBackOff(pod, c, latest, nowMs, backoff, actions)) keep++;
    } else {
      // Created but never started (the kubelet stopped in between): nothing to wait for, start afresh.
      actions.containersToKill.push({ id: latest.id, name: c.name, reason: 'Unknown', message: `Container ${c.name} is in state ${latest.state}, will be restarted` });
      actions.containersToStart.push(c.name);
    }
  }
  if (keep === 0 && actions.containersToStart.length === 0) actions.killPod = true;
  return actions;
}

/**
 * A failed liveness or startup probe kills the container and, when the policy allows, restarts it in
 * the same sync; an earlier instance that ended recently puts the restart in CrashLoopBackOff instead.
 */
function killForProbe(pod: Pod, c: Container, observed: ObservedPod, failure: ProbeFailure, at: { nowMs: number; backoff: BackoffState }, actions: PodActions): void {
  const [latest, ...older] = instancesOf(observed, c.name);
  const restart = shouldRestart(pod.spec.restartPolicy, 1);
  const message = `Container ${c.name} failed ${failure.probe} probe${restart ? ', will be restarted' : ''}`;
  actions.containersToKill.push({ id: latest!.id, name: c.name, reason: PROBE_FAILURE, message, ...(failure.graceSeconds ? { graceSeconds: failure.graceSeconds } : {}) });
  if (!restart) return;
  const ended = older.find((s) => s.state === 'exited');
  if (ended) restartOrBackOff(pod, c, ended, at.nowMs, at.backoff, actions);
  else actions.containersToStart.push(c.name);
}

/** Kill running instances that are not the latest of their name, or not in the spec at all. */
function killStrays(pod: Pod, observed: ObservedPod, actions: PodActions): void {
  const names = new Set([...(pod.spec.initContainers ?? []), ...pod.spec.containers, ...(pod.spec.ephemeralContainers ?? [])].map((c) => c.name));
  for (const c of observed.containers) {
    if (c.state !== 'running') continue;
    const name = containerNameOf(c);
    if (!names.has(name)) {
      actions.containersToKill.push({ id: c.id, name, reason: 'NotInSpec', message: `Container ${name} is not in the pod spec` });
    } else if (instancesOf(observed, name)[0]?.id !== c.id) {
      actions.containersToKill.push({ id: c.id, name, reason: 'Superseded', message: `Container ${name} has a newer instance` });
    }
  }
}

/** Walk init containers in order; returns 'done' when all succeeded, else records what to do now. */
function nextInitStep(pod: Pod, inits: Container[], inSandbox: ObservedPod, nowMs: number, backoff: BackoffState, actions: PodActions): 'done' | 'waiting' {
  const policy = pod.spec.restartPolicy ?? 'Always';
  for (const c of inits) {
    const latest = latestOf(inSandbox, c.name);
    if (succeeded(latest)) continue;
    if (!latest) {
      actions.initContainerToStart = c.name;
    } else if (latest.state === 'exited') {
      if (policy === 'Never') actions.killPod = true;
      else restartOrBackOff(pod, c, latest, nowMs, backoff, actions);
    } else if (latest.state === 'created') {
      actions.containersToKill.push({ id: latest.id, name: c.name, reason: 'Unknown', message: `Init container ${c.name} is in state ${latest.state}, will be restarted` });
      actions.initContainerToStart = c.name;
    }
    return 'waiting';
  }
  return 'done';
}

/** Schedule a restart now, or note the backoff still owed. Returns true when it backs off. */
function restartOrBackOff(pod: Pod, c: Container, latest: ContainerStatus, nowMs: number, backoff: BackoffState, actions: PodActions): boolean {
  const { remainingMs, delayMs } = backoffRemaining(backoff, backoffKey(pod.metadata.uid ?? '', c.name), finishedAtMs(latest), nowMs);
  if (remainingMs > 0) {
    actions.backingOff.push({ name: c.name, delayMs, message: crashLoopMessage(pod, c.name, delayMs) });
    const at = nowMs + remainingMs;
    actions.nextSyncAtMs = Math.min(actions.nextSyncAtMs ?? at, at);
    return true;
  }
  const isInit = (pod.spec.initContainers ?? []).some((i) => i.name === c.name);
  if (isInit) actions.initContainerToStart = c.name;
  else actions.containersToStart.push(c.name);
  return false;
}

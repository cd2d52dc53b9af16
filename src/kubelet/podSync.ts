// The doing half of the kubelet: carry out computePodActions with the runtime and image service,
// take a Pod down (preStop, graceful stop, sandbox) when it ends, and remove it once it is gone.
// Every failure is turned into a waiting reason and an event; the next sync tries again. Each action
// records its result in a copy of the sync's snapshot, from which the status is computed once.

import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Container, Pod } from '../api/types.js';
import type { ContainerStatus, ImageService, Mount, RuntimeService, SandboxStatus } from '../runtime/types.js';
import { activeDeadlineAtMs, DEADLINE_EXCEEDED, pastActiveDeadline } from './activeDeadline.js';
import { podSysctls, sysctlRefusal } from './sysctls.js';
import { backoffKey, backoffNext, type BackoffEntry } from './backoff.js';
import type { KubeletCluster } from './cluster.js';
import { makeContainerConfig, podLogDirName } from './containerConfig.js';
import { resolveEnv } from './env.js';
import { ephemeralRuntimeFields, ephemeralSpecOf } from './ephemeral.js';
import { ContainerError, VolumeError } from './errors.js';
import { runHandler } from './hooks.js';
import { ensureImage, type PullState } from './imagePull.js';
import { SANDBOX_ATTEMPT, podLabels } from './labels.js';
import { containerNameOf, copyObserved, instancesOf, putContainer, putSandbox, restartCountOf, type ObservedPod } from './observed.js';
import { computeKillPlan, computePodActions, isTerminalPhase, PROBE_FAILURE, type ContainerToKill, type KillPlan, type PodActions, type ProbeVerdicts } from './podActions.js';
import { hostnameFor, makeHostsFile, makeResolvConf, type ClusterDNS } from './podFiles.js';
import { applyRecursiveReadOnly } from './recursiveReadOnly.js';
import { appArmorRejection, checkUserNamespaces } from './securityProfiles.js';
import type { WaitingNote } from './podStatus.js';
import { removeTerminationMessage, terminationMessageMount } from './terminationMessage.js';
import { ServiceAccountTokenManager } from './tokenManager.js';
import { traceSpan } from '../util/trace.js';
import { containerMounts, podFieldsKey, refreshLiveVolumes, setUpVolumes, tearDownVolumes, type PreparedVolume, type VolumeSources } from './volumes.js';

/** Kept dead instances per container: the latest and the one before (lastState, `logs --previous`). */
const KEEP_INSTANCES = 2;
const MIN_STOP_SECONDS = 2;
const RETRY_MS = 5_000;

export interface SyncDeps {
  runtime: RuntimeService;
  images: ImageService;
  cluster: KubeletCluster;
  hostIP: string;
  /** The host's resolv.conf text, for ClusterFirst and Default DNS. */
  hostResolvConf: string;
  /** Cluster DNS for ClusterFirst Pods; without it they get the host's resolv.conf. */
  clusterDNS?: ClusterDNS;
  hostHostsFile: string;
  nodeAllocatable: Record<string, string>;
  /** <dataDir>/pods: one folder per Pod uid. */
  podsDir: string;
  /** <dataDir>/logs: one folder per Pod, CRI-format files inside. */
  logsDir: string;
  /** <dataDir>/seccomp: Localhost seccomp profiles. */
  seccompRoot: string;
  /** Whether the host's kernel has AppArmor on (the kubelet's AppArmor admission). */
  appArmorEnabled: boolean;
  /** Liveness and startup verdicts: a container that failed one is killed; a sidecar counts once started. */
  probes?: ProbeVerdicts;
  /** The clock service-account tokens are renewed by (tests move it). */
  now?: () => number;
}

/** What the kubelet remembers of one Pod between syncs (lost on restart, like upstream's caches). */
export interface PodMemory {
  waiting: Map<string, WaitingNote>;
  crashBackoff: Map<string, BackoffEntry>;
  pull: PullState;
  volumes?: Map<string, PreparedVolume>;
  /** The labels and annotations the downwardAPI files show (podFieldsKey). */
  podFields?: string;
  /** A ConfigMap or Secret the volumes show has changed since they were written. */
  volumeObjectsChanged?: boolean;
  /** Why the kubelet itself failed the Pod (refused at admission, or activeDeadlineSeconds passed); the status says so. */
  failure?: { reason: string; message: string };
  /** When the sandbox came up with its network: PodReadyToStartContainers' transition time. */
  sandboxReadyAt?: Date;
}

export function newPodMemory(): PodMemory {
  return { waiting: new Map(), crashBackoff: new Map(), pull: { backoff: new Map() } };
}

export const podDirOf = (deps: Pick<SyncDeps, 'podsDir'>, uid: string): string => join(deps.podsDir, uid);

/** What a sync leaves: the snapshot with its actions' results, and when the next sync is due without any event. */
export interface SyncResult { observed: ObservedPod; nextSyncAtMs?: number }

export class PodSyncer {
  readonly #d: SyncDeps;
  readonly #tokens: ServiceAccountTokenManager;
  readonly #volumeSetups = new WeakMap<PodMemory, Promise<Map<string, PreparedVolume>>>();
  constructor(deps: SyncDeps) {
    this.#d = deps;
    this.#tokens = new ServiceAccountTokenManager(deps.cluster, deps.now);
  }

  #event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, c?: Container): void {
    this.#d.cluster.recordEvent(pod, type, reason, message, c ? containerFieldPath(pod, c) : undefined);
  }

  /** One step towards the spec, decided on observed, the sync's one snapshot of the runtime. */
  async sync(pod: Pod, observed: ObservedPod, mem: PodMemory, nowMs = Date.now()): Promise<SyncResult> {
    const after = copyObserved(observed);
    const result = (nextSyncAtMs: number | undefined): SyncResult => ({ observed: after, ...(nextSyncAtMs !== undefined ? { nextSyncAtMs } : {}) });
    const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
    if (!mem.failure && pod.status?.phase === 'Pending' && observed.containers.length === 0) this.#admit(pod, mem);
    if (mem.failure || (!isTerminalPhase(pod.status?.phase) && pastActiveDeadline(pod, nowMs))) {
      if (!mem.failure) this.#event(pod, 'Normal', DEADLINE_EXCEEDED.reason, DEADLINE_EXCEEDED.message);
      mem.failure ??= DEADLINE_EXCEEDED;
      await this.killPod(pod, computeKillPlan(pod, observed, grace), after);
      return result(undefined);
    }
    const uid = pod.metadata.uid ?? '';
    if (mem.volumes && (mem.volumeObjectsChanged || mem.podFields !== podFieldsKey(pod) || this.#tokens.refreshDue(uid))) await this.#refreshVolumes(pod, mem);
    const actions = computePodActions(pod, observed, nowMs, mem.crashBackoff, this.#d.probes);
    const deadline = isTerminalPhase(pod.status?.phase) ? undefined : activeDeadlineAtMs(pod);
    // The next sync comes by the first of: the plan's own wake-up, the active deadline, a token's renewal.
    const wakeups = [actions.nextSyncAtMs, deadline, this.#tokens.refreshAt(uid)].filter((t): t is number => t !== undefined);
    let nextAt = wakeups.length ? Math.min(...wakeups) : undefined;
    this.#noteBackoffs(pod, actions, mem);

    if (actions.kill) await this.killPod(pod, actions.kill, after);
    await Promise.all(actions.containersToKill.map((k) => this.#kill(pod, k, k.graceSeconds ?? grace, after, k.reason === PROBE_FAILURE)));

    let sandbox: SandboxStatus | undefined = observed.sandboxes[0];
    if (actions.createSandbox) {
      const created = await traceSpan('sync:sandbox', pod.metadata.name ?? '', this.#createSandbox(pod, actions, mem));
      if (!created) return result(nowMs + RETRY_MS);
      putSandbox(after, created.id, created);
      sandbox = created;
    } else if (!actions.sandboxId) {
      return result(nextAt);
    }
    if (!sandbox) return result(nextAt);

    const names = [...actions.initContainersToStart, ...actions.containersToStart];
    const start = (name: string) => traceSpan('sync:container', `${pod.metadata.name} ${name}`, this.#startContainer(pod, specOf(pod, name)!, sandbox, observed, mem, nowMs, after));
    // Init containers (sidecars among them) start in order, each after the one before.
    for (const name of actions.initContainersToStart) if (!(await start(name))) nextAt = Math.min(nextAt ?? Infinity, nowMs + RETRY_MS);
    // App containers have no start order, except that a postStart hook holds back the ones after it (upstream
    // starts them one by one, finishing each hook): each run up to and including a hooked one starts at once.
    let batch: Promise<boolean>[] = [];
    const settle = async () => {
      if ((await Promise.all(batch)).includes(false)) nextAt = Math.min(nextAt ?? Infinity, nowMs + RETRY_MS);
      batch = [];
    };
    for (const name of actions.containersToStart) {
      batch.push(start(name));
      if (specOf(pod, name)?.lifecycle?.postStart) await settle();
    }
    await settle();
    if (names.length > 0) await this.#pruneInstances(pod, after);
    for (const name of actions.ephemeralContainersToStart) {
      if (!(await this.#startContainer(pod, ephemeralSpecOf(pod, name)!, sandbox, observed, mem, nowMs, after))) nextAt = Math.min(nextAt ?? Infinity, nowMs + RETRY_MS);
    }
    return result(nextAt);
  }

  /** Terminating: stop the Pod within its deletion's grace period (pod undefined: an orphan). */
  async terminate(pod: Pod | undefined, observed: ObservedPod): Promise<ObservedPod> {
    const after = copyObserved(observed);
    const { kill } = computePodActions(pod, observed, Date.now(), new Map(), undefined, 'terminating');
    if (kill) await this.killPod(pod, kill, after);
    return after;
  }

  /** Kill one container the plan names, recording its new status. */
  async #kill(pod: Pod | undefined, k: ContainerToKill, graceSeconds: number, after: ObservedPod, withMessage: boolean): Promise<void> {
    const status = after.containers.find((x) => x.id === k.id);
    if (!status) return;
    const c = pod && specOf(pod, k.name);
    putContainer(after, k.id, await this.killContainer(pod, c, status, graceSeconds, sandboxIP(after), false, withMessage ? k.message : undefined));
  }

  /** Admission as the kubelet makes it when a Pod arrives: a refused Pod fails with the reason given. */
  #admit(pod: Pod, mem: PodMemory): void {
    const rejection = sysctlRefusal(pod) ?? appArmorRejection(pod, this.#d.appArmorEnabled);
    if (!rejection) return;
    this.#event(pod, 'Warning', rejection.reason, rejection.message);
    mem.failure = rejection;
  }

  async #refreshVolumes(pod: Pod, mem: PodMemory): Promise<void> {
    mem.podFields = podFieldsKey(pod);
    mem.volumeObjectsChanged = false;
    const failed = await refreshLiveVolumes(pod, podDirOf(this.#d, pod.metadata.uid ?? ''), this.#sources(pod));
    for (const e of failed) this.#event(pod, 'Warning', 'FailedMount', e.message);
  }

  #noteBackoffs(pod: Pod, actions: PodActions, mem: PodMemory): void {
    for (const b of actions.backingOff) {
      const had = mem.waiting.get(b.name);
      if (had?.reason !== 'CrashLoopBackOff' || had.message !== b.message) {
        const m = pod.metadata;
        this.#event(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${b.name} in pod ${m.name}_${m.namespace}(${m.uid})`, specOf(pod, b.name));
      }
      mem.waiting.set(b.name, { reason: 'CrashLoopBackOff', message: b.message });
    }
  }

  async #createSandbox(pod: Pod, actions: PodActions, mem: PodMemory): Promise<SandboxStatus | undefined> {
    const uid = pod.metadata.uid ?? '';
    const podDir = podDirOf(this.#d, uid);
    await fs.mkdir(podDir, { recursive: true });
    try {
      mem.volumes = await traceSpan('sync:volumes', pod.metadata.name ?? '', setUpVolumes(pod, podDir, this.#sources(pod)));
      mem.podFields = podFieldsKey(pod);
    } catch (e) {
      if (!(e instanceof VolumeError)) throw e;
      this.#event(pod, 'Warning', 'FailedMount', e.message);
      return undefined;
    }
    const { hostname } = hostnameFor(pod);
    let id: string;
    try {
      await checkUserNamespaces(pod, this.#d.runtime);
      id = await this.#d.runtime.runPodSandbox({
        podUid: uid,
        podName: pod.metadata.name ?? '',
        namespace: pod.metadata.namespace ?? 'default',
        hostname,
        ...(pod.spec.hostNetwork ? { hostNetwork: true } : {}),
        ...(pod.spec.shareProcessNamespace ? { shareProcessNamespace: true } : {}),
        ...(pod.spec.hostPID ? { hostPID: true } : {}),
        ...(pod.spec.hostIPC ? { hostIPC: true } : {}),
        hostsFile: makeHostsFile(pod, [], this.#d.hostHostsFile),
        resolvConf: makeResolvConf(pod, this.#d.hostResolvConf, this.#d.clusterDNS),
        portMappings: portMappings(pod),
        labels: { ...podLabels(pod), [SANDBOX_ATTEMPT]: String(actions.attempt) },
        sysctls: podSysctls(pod),
      });
    } catch (e) {
      this.#event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${(e as Error).message}`);
      return undefined;
    }
    const sandbox = await this.#d.runtime.podSandboxStatus(id);
    if (!sandbox) return undefined;
    // No Event (upstream's kubelet writes none): the Pod's condition dates the journey's step.
    mem.sandboxReadyAt = new Date();
    // The pod IP exists only now, so /etc/hosts is the kubelet's own file, bound into each container.
    const ips = pod.spec.hostNetwork ? [] : sandbox.ip ? [sandbox.ip] : [];
    await fs.writeFile(join(podDir, 'etc-hosts'), makeHostsFile(pod, ips, this.#d.hostHostsFile));
    return sandbox;
  }

  #sources(pod: Pod): VolumeSources {
    const ns = pod.metadata.namespace ?? 'default';
    return {
      nodeAllocatable: this.#d.nodeAllocatable,
      getConfigMap: async (n: string) => (await this.#d.cluster.getConfigMap(ns, n))?.data ?? null,
      getSecret: async (n: string) => (await this.#d.cluster.getSecret(ns, n))?.data ?? null,
      serviceAccountToken: (source) => this.#tokens.token(pod, source),
      getPersistentVolumeClaim: (n: string) => this.#d.cluster.getPersistentVolumeClaim(ns, n),
      getPersistentVolume: (n: string) => this.#d.cluster.getPersistentVolume(n),
    };
  }

  #fail(pod: Pod, c: Container, mem: PodMemory, e: unknown, fallback: ContainerError['reason']): false {
    const err = e instanceof ContainerError ? e : new ContainerError(fallback, (e as Error).message);
    mem.waiting.set(c.name, { reason: err.reason, message: err.message });
    // Image errors already produced their own events (Failed/BackOff/ErrImageNeverPull).
    if (!['ErrImagePull', 'ImagePullBackOff', 'ErrImageNeverPull', 'InvalidImageName'].includes(err.reason)) {
      this.#event(pod, 'Warning', 'Failed', `Error: ${err.message}`, c);
    }
    return false;
  }

  /** The Pod's volumes, set up once when a sandbox made by an earlier kubelet has none yet (its containers start at once). */
  #volumesOf(pod: Pod, mem: PodMemory): Promise<Map<string, PreparedVolume>> {
    if (mem.volumes) return Promise.resolve(mem.volumes);
    let pending = this.#volumeSetups.get(mem);
    if (!pending) {
      pending = setUpVolumes(pod, podDirOf(this.#d, pod.metadata.uid ?? ''), this.#sources(pod)).then((v) => {
        mem.volumes = v;
        mem.podFields = podFieldsKey(pod);
        return v;
      }).finally(() => this.#volumeSetups.delete(mem));
      this.#volumeSetups.set(mem, pending);
    }
    return pending;
  }

  async #startContainer(pod: Pod, c: Container, sandbox: SandboxStatus, observed: ObservedPod, mem: PodMemory, nowMs: number, after: ObservedPod): Promise<boolean> {
    const uid = pod.metadata.uid ?? '';
    const events = (type: 'Normal' | 'Warning', reason: string, message: string) => this.#event(pod, type, reason, message, c);
    const podIP = pod.spec.hostNetwork ? this.#d.hostIP : sandbox.ip ?? '';
    const previous = instancesOf(observed, c.name)[0];
    const restartCount = previous ? restartCountOf(previous) + 1 : 0;

    let image;
    try {
      image = await ensureImage(pod, c, this.#d.images, events, mem.pull, nowMs);
    } catch (e) {
      return this.#fail(pod, c, mem, e, 'ErrImagePull');
    }
    let id: string;
    try {
      const volumes = await this.#volumesOf(pod, mem);
      const env = await resolveEnv(pod, c, { podIP, hostIP: this.#d.hostIP, ...this.#sources(pod), services: () => this.#d.cluster.listServices(), warn: (reason, message) => this.#event(pod, 'Warning', reason, message) });
      const mounts: Mount[] = await containerMounts(c, volumes, env, podDirOf(this.#d, uid));
      if (!mounts.some((m) => m.containerPath === '/etc/hosts')) {
        mounts.push({ hostPath: join(podDirOf(this.#d, uid), 'etc-hosts'), containerPath: '/etc/hosts', type: 'bind' });
      }
      mounts.push(await terminationMessageMount(podDirOf(this.#d, uid), c, restartCount));
      applyRecursiveReadOnly(c, mounts, (await this.#d.runtime.features()).recursiveReadOnlyMounts);
      const podLogDir = join(this.#d.logsDir, podLogDirName(pod));
      await fs.mkdir(join(podLogDir, c.name), { recursive: true });
      const cfg = { ...makeContainerConfig(pod, c, { image, imageName: image.repoTags[0] ?? c.image ?? '', env, mounts, restartCount, podLogDir, seccompRoot: this.#d.seccompRoot }), ...ephemeralRuntimeFields(pod, c.name, observed) };
      try {
        id = await traceSpan('runtime:create', `${pod.metadata.name} ${c.name}`, this.#d.runtime.createContainer(sandbox.id, cfg));
      } catch (e) {
        throw new ContainerError('CreateContainerError', (e as Error).message);
      }
    } catch (e) {
      return this.#fail(pod, c, mem, e, 'CreateContainerConfigError');
    }
    const recorded = (ok: boolean) => this.#d.runtime.containerStatus(id).then((s) => { putContainer(after, id, s); return ok; });
    events('Normal', 'Created', `Created container ${c.name}`);
    // The newest ended instance (behind one a probe is killing now) sets the next restart's delay.
    const ended = instancesOf(observed, c.name).find((s) => s.state === 'exited');
    if (ended) {
      const key = backoffKey(uid, c.name);
      mem.crashBackoff.set(key, backoffNext(mem.crashBackoff, key, Date.parse(ended.finishedAt ?? '') || nowMs));
    }
    try {
      await traceSpan('runtime:start', `${pod.metadata.name} ${c.name}`, this.#d.runtime.startContainer(id));
    } catch (e) {
      return recorded(this.#fail(pod, c, mem, new ContainerError('RunContainerError', (e as Error).message), 'RunContainerError'));
    }
    events('Normal', 'Started', `Started container ${c.name}`);
    mem.waiting.delete(c.name);

    const postStart = c.lifecycle?.postStart;
    if (postStart) {
      try {
        await runHandler(postStart, { pod, container: c, containerId: id, podIP, runtime: this.#d.runtime }, pod.spec.terminationGracePeriodSeconds ?? 30);
        // Not upstream's: marks the journey's "postStart done" step (upstream records only a failure).
        events('Normal', 'CompletedPostStartHook', `PostStart hook for container ${c.name} completed`);
      } catch (e) {
        const message = (e as Error).message;
        events('Warning', 'FailedPostStartHook', message);
        const status = await this.#d.runtime.containerStatus(id);
        if (status) await this.killContainer(pod, c, status, pod.spec.terminationGracePeriodSeconds ?? 30, podIP, true);
        mem.waiting.set(c.name, { reason: 'PostStartHookError', message });
        return recorded(false);
      }
    }
    return recorded(true);
  }

  /** preStop inside the grace period, then the runtime's stop with what is left (at least 2 s); returns the container's new status. */
  async killContainer(pod: Pod | undefined, c: Container | undefined, status: ContainerStatus, graceSeconds: number, podIP: string, skipPreStop = false, why?: string): Promise<ContainerStatus | null> {
    const name = containerNameOf(status);
    if (status.state !== 'running') return status;
    if (pod) this.#event(pod, 'Normal', 'Killing', why ?? `Stopping container ${name}`, c);
    let remaining = graceSeconds;
    const preStop = c?.lifecycle?.preStop;
    if (pod && preStop && !skipPreStop && graceSeconds > 0) {
      const started = Date.now();
      const budget = new AbortController();
      const timer = setTimeout(() => budget.abort(), graceSeconds * 1000);
      const outcome = await Promise.race([
        runHandler(preStop, { pod, container: c, containerId: status.id, podIP, runtime: this.#d.runtime }, graceSeconds, budget.signal).then(() => 'ok', (e: Error) => e.message),
        new Promise<string>((resolve) => budget.signal.addEventListener('abort', () => resolve('timeout'), { once: true })),
      ]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        this.#event(pod, 'Warning', 'FailedPreStopHook', `PreStop hook for Container "${name}" did not complete within the grace period of ${graceSeconds}s`, c);
      } else if (outcome !== 'ok') {
        this.#event(pod, 'Warning', 'FailedPreStopHook', outcome, c);
      } else {
        // Not upstream's: marks the journey's "preStop done, SIGTERM sent" step.
        this.#event(pod, 'Normal', 'CompletedPreStopHook', `PreStop hook for container ${name} completed`, c);
      }
      remaining = graceSeconds - Math.floor((Date.now() - started) / 1000);
    }
    await this.#d.runtime.stopContainer(status.id, Math.max(remaining, graceSeconds > 0 ? MIN_STOP_SECONDS : 0));
    return this.#d.runtime.containerStatus(status.id);
  }

  /** Stop the containers step by step (each step in parallel, each container with its preStop), then the sandboxes. */
  async killPod(pod: Pod | undefined, plan: KillPlan, after: ObservedPod): Promise<void> {
    const began = Date.now();
    for (const step of plan.steps) {
      // A later step (a sidecar) gets what is left of the grace period, never less than a second.
      const left = plan.graceSeconds - Math.floor((Date.now() - began) / 1000);
      await Promise.all(step.map((k) => this.#kill(pod, k, plan.graceSeconds > 0 ? Math.max(left, 1) : 0, after, true)));
    }
    for (const id of plan.sandboxIds) {
      await this.#d.runtime.stopPodSandbox(id);
      putSandbox(after, id, await this.#d.runtime.podSandboxStatus(id));
      // Stopping a sandbox ends what was still in it (created, never started).
      for (const c of after.containers.filter((x) => x.sandboxId === id && x.state !== 'exited')) {
        putContainer(after, c.id, await this.#d.runtime.containerStatus(c.id));
      }
    }
  }

  /** Terminated: remove every trace of a Pod that is gone: containers, sandboxes, volumes, its folder. */
  async cleanup(uid: string, observed: ObservedPod): Promise<void> {
    const { cleanup } = computePodActions(undefined, observed, Date.now(), new Map(), undefined, 'terminated');
    for (const id of cleanup?.containerIds ?? []) await this.#d.runtime.removeContainer(id);
    for (const id of cleanup?.sandboxIds ?? []) await this.#d.runtime.removePodSandbox(id);
    const podDir = podDirOf(this.#d, uid);
    this.#tokens.forget(uid);
    await tearDownVolumes(podDir);
    await fs.rm(podDir, { recursive: true, force: true });
  }

  /** Dead instances beyond the newest two of each container are removed. */
  async #pruneInstances(pod: Pod, after: ObservedPod): Promise<void> {
    for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      for (const old of instancesOf(after, c.name).slice(KEEP_INSTANCES)) {
        if (old.state !== 'running') {
          await this.#d.runtime.removeContainer(old.id);
          putContainer(after, old.id, null);
          await removeTerminationMessage(podDirOf(this.#d, pod.metadata.uid ?? ''), c.name, restartCountOf(old));
        }
      }
    }
  }
}

function specOf(pod: Pod, name: string): Container | undefined {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === name) ?? ephemeralSpecOf(pod, name);
}

function sandboxIP(observed: ObservedPod): string {
  return observed.sandboxes[0]?.ip ?? '';
}

export function containerFieldPath(pod: Pod, c: Container): string {
  const init = (pod.spec.initContainers ?? []).some((i) => i.name === c.name);
  const list = init ? 'initContainers' : ephemeralSpecOf(pod, c.name) ? 'ephemeralContainers' : 'containers';
  return `spec.${list}{${c.name}}`;
}

function portMappings(pod: Pod) {
  return pod.spec.containers.flatMap((c) => (c.ports ?? [])
    .filter((p) => p.hostPort)
    .map((p) => ({ containerPort: p.containerPort, hostPort: p.hostPort!, protocol: p.protocol ?? 'TCP', ...(p.hostIP ? { hostIP: p.hostIP } : {}) })));
}

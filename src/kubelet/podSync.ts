// The doing half of the kubelet: carry out computePodActions with the runtime and image service,
// and take a Pod down (preStop, graceful stop, sandbox) when it ends. Every failure is turned into
// a waiting reason and an event; the next sync tries again.

import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Container, Pod } from '../api/types.js';
import type { ContainerStatus, ImageService, Mount, RuntimeService, SandboxStatus } from '../runtime/types.js';
import { activeDeadlineAtMs, DEADLINE_EXCEEDED, pastActiveDeadline } from './activeDeadline.js';
import { backoffKey, backoffNext, type BackoffEntry } from './backoff.js';
import type { KubeletCluster } from './cluster.js';
import { makeContainerConfig, podLogDirName } from './containerConfig.js';
import { resolveEnv } from './env.js';
import { ephemeralRuntimeFields, ephemeralSpecOf } from './ephemeral.js';
import { ContainerError, VolumeError } from './errors.js';
import { runHandler } from './hooks.js';
import { ensureImage, type PullState } from './imagePull.js';
import { POD_UID, SANDBOX_ATTEMPT, podLabels } from './labels.js';
import { containerNameOf, groupByPod, instancesOf, restartCountOf, type ObservedPod } from './observed.js';
import { computePodActions, isTerminalPhase, PROBE_FAILURE, type PodActions } from './podActions.js';
import { hostnameFor, makeHostsFile, makeResolvConf } from './podFiles.js';
import type { WaitingNote } from './podStatus.js';
import type { ProbeResults } from './proberManager.js';
import { removeTerminationMessage, terminationMessageMount } from './terminationMessage.js';
import { containerMounts, podFieldsKey, refreshPodFieldVolumes, setUpVolumes, tearDownVolumes, type PreparedVolume, type VolumeSources } from './volumes.js';

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
  hostHostsFile: string;
  nodeAllocatable: Record<string, string>;
  /** <dataDir>/pods: one folder per Pod uid. */
  podsDir: string;
  /** <dataDir>/logs: one folder per Pod, CRI-format files inside. */
  logsDir: string;
  /** Liveness and startup verdicts: a container that failed one is killed. */
  probes?: Pick<ProbeResults, 'failed'>;
}

/** What the kubelet remembers of one Pod between syncs (lost on restart, like upstream's caches). */
export interface PodMemory {
  waiting: Map<string, WaitingNote>;
  crashBackoff: Map<string, BackoffEntry>;
  pull: PullState;
  volumes?: Map<string, PreparedVolume>;
  /** The labels and annotations the downwardAPI files show (podFieldsKey). */
  podFields?: string;
  /** Why the kubelet itself failed the Pod (activeDeadlineSeconds passed); the status says so. */
  failure?: { reason: string; message: string };
}

export function newPodMemory(): PodMemory {
  return { waiting: new Map(), crashBackoff: new Map(), pull: { backoff: new Map() } };
}

export const podDirOf = (deps: Pick<SyncDeps, 'podsDir'>, uid: string): string => join(deps.podsDir, uid);

export function gracePeriodOf(pod: Pod): number {
  return pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
}

export async function observePod(runtime: RuntimeService, uid: string): Promise<ObservedPod> {
  const [sandboxes, containers] = await Promise.all([runtime.listPodSandboxes(), runtime.listContainers({ labels: { [POD_UID]: uid } })]);
  return groupByPod(sandboxes.filter((s) => s.podUid === uid), containers).get(uid) ?? { sandboxes: [], containers: [] };
}

export class PodSyncer {
  readonly #d: SyncDeps;
  constructor(deps: SyncDeps) {
    this.#d = deps;
  }

  #event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, c?: Container): void {
    this.#d.cluster.recordEvent(pod, type, reason, message, c ? containerFieldPath(pod, c) : undefined);
  }

  /** One step towards the spec; returns when the next sync is due without any event, if ever. */
  async sync(pod: Pod, observed: ObservedPod, mem: PodMemory, nowMs = Date.now()): Promise<number | undefined> {
    const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
    if (mem.failure || (!isTerminalPhase(pod.status?.phase) && pastActiveDeadline(pod, nowMs))) {
      if (!mem.failure) this.#event(pod, 'Normal', DEADLINE_EXCEEDED.reason, DEADLINE_EXCEEDED.message);
      mem.failure = DEADLINE_EXCEEDED;
      await this.killPod(pod, observed, grace);
      return undefined;
    }
    if (mem.volumes && mem.podFields !== podFieldsKey(pod)) await this.#refreshPodFields(pod, mem);
    const actions = computePodActions(pod, observed, nowMs, mem.crashBackoff, this.#d.probes);
    const deadline = isTerminalPhase(pod.status?.phase) ? undefined : activeDeadlineAtMs(pod);
    let nextAt = deadline === undefined ? actions.nextSyncAtMs : Math.min(actions.nextSyncAtMs ?? Infinity, deadline);
    this.#noteBackoffs(pod, actions, mem);

    if (actions.killPod) await this.killPod(pod, observed, grace);
    await Promise.all(actions.containersToKill.map((k) => {
      const c = specOf(pod, k.name);
      const status = observed.containers.find((x) => x.id === k.id)!;
      const probed = k.reason === PROBE_FAILURE;
      return this.killContainer(pod, c, status, k.graceSeconds ?? grace, sandboxIP(observed), false, probed ? k.message : undefined);
    }));

    let sandbox: SandboxStatus | undefined = observed.sandboxes[0];
    if (actions.createSandbox) {
      const created = await this.#createSandbox(pod, actions, mem);
      if (!created) return nowMs + RETRY_MS;
      sandbox = created;
    } else if (!actions.sandboxId) {
      return nextAt;
    }
    if (!sandbox) return nextAt;

    const names = actions.initContainerToStart ? [actions.initContainerToStart] : actions.containersToStart;
    for (const name of names) {
      const ok = await this.#startContainer(pod, specOf(pod, name)!, sandbox, observed, mem, nowMs);
      if (!ok) nextAt = Math.min(nextAt ?? Infinity, nowMs + RETRY_MS);
    }
    if (names.length > 0) await this.#pruneInstances(pod);
    for (const name of actions.ephemeralContainersToStart) {
      if (!(await this.#startContainer(pod, ephemeralSpecOf(pod, name)!, sandbox, observed, mem, nowMs))) nextAt = Math.min(nextAt ?? Infinity, nowMs + RETRY_MS);
    }
    return nextAt;
  }

  async #refreshPodFields(pod: Pod, mem: PodMemory): Promise<void> {
    mem.podFields = podFieldsKey(pod);
    try {
      await refreshPodFieldVolumes(pod, podDirOf(this.#d, pod.metadata.uid ?? ''), this.#sources(pod));
    } catch (e) {
      if (!(e instanceof VolumeError)) throw e;
      this.#event(pod, 'Warning', 'FailedMount', e.message);
    }
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
      mem.volumes = await setUpVolumes(pod, podDir, this.#sources(pod));
      mem.podFields = podFieldsKey(pod);
    } catch (e) {
      if (!(e instanceof VolumeError)) throw e;
      this.#event(pod, 'Warning', 'FailedMount', e.message);
      return undefined;
    }
    const { hostname } = hostnameFor(pod);
    let id: string;
    try {
      id = await this.#d.runtime.runPodSandbox({
        podUid: uid,
        podName: pod.metadata.name ?? '',
        namespace: pod.metadata.namespace ?? 'default',
        hostname,
        ...(pod.spec.hostNetwork ? { hostNetwork: true } : {}),
        ...(pod.spec.shareProcessNamespace ? { shareProcessNamespace: true } : {}),
        hostsFile: makeHostsFile(pod, [], this.#d.hostHostsFile),
        resolvConf: makeResolvConf(pod, this.#d.hostResolvConf),
        portMappings: portMappings(pod),
        labels: { ...podLabels(pod), [SANDBOX_ATTEMPT]: String(actions.attempt) },
      });
    } catch (e) {
      this.#event(pod, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${(e as Error).message}`);
      return undefined;
    }
    const sandbox = (await this.#d.runtime.listPodSandboxes()).find((s) => s.id === id);
    if (!sandbox) return undefined;
    // Not an upstream event: it marks the journey's "sandbox ready, network attached" step.
    this.#event(pod, 'Normal', 'SandboxReady', pod.spec.hostNetwork ? 'Pod sandbox ready on the host network' : `Pod sandbox ready, network attached: IP ${sandbox.ip ?? 'none'}`);
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

  async #startContainer(pod: Pod, c: Container, sandbox: SandboxStatus, observed: ObservedPod, mem: PodMemory, nowMs: number): Promise<boolean> {
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
      if (!mem.volumes) {
        mem.volumes = await setUpVolumes(pod, podDirOf(this.#d, uid), this.#sources(pod));
        mem.podFields = podFieldsKey(pod);
      }
      const env = await resolveEnv(pod, c, { podIP, hostIP: this.#d.hostIP, ...this.#sources(pod), warn: (reason, message) => this.#event(pod, 'Warning', reason, message) });
      const mounts: Mount[] = await containerMounts(c, mem.volumes, env, podDirOf(this.#d, uid));
      if (!mounts.some((m) => m.containerPath === '/etc/hosts')) {
        mounts.push({ hostPath: join(podDirOf(this.#d, uid), 'etc-hosts'), containerPath: '/etc/hosts', type: 'bind' });
      }
      mounts.push(await terminationMessageMount(podDirOf(this.#d, uid), c, restartCount));
      const podLogDir = join(this.#d.logsDir, podLogDirName(pod));
      await fs.mkdir(join(podLogDir, c.name), { recursive: true });
      const cfg = { ...makeContainerConfig(pod, c, { image, imageName: image.repoTags[0] ?? c.image ?? '', env, mounts, restartCount, podLogDir }), ...ephemeralRuntimeFields(pod, c.name, observed) };
      try {
        id = await this.#d.runtime.createContainer(sandbox.id, cfg);
      } catch (e) {
        throw new ContainerError('CreateContainerError', (e as Error).message);
      }
    } catch (e) {
      return this.#fail(pod, c, mem, e, 'CreateContainerConfigError');
    }
    events('Normal', 'Created', `Created container ${c.name}`);
    // The newest ended instance (behind one a probe is killing now) sets the next restart's delay.
    const ended = instancesOf(observed, c.name).find((s) => s.state === 'exited');
    if (ended) {
      const key = backoffKey(uid, c.name);
      mem.crashBackoff.set(key, backoffNext(mem.crashBackoff, key, Date.parse(ended.finishedAt ?? '') || nowMs));
    }
    try {
      await this.#d.runtime.startContainer(id);
    } catch (e) {
      return this.#fail(pod, c, mem, new ContainerError('RunContainerError', (e as Error).message), 'RunContainerError');
    }
    events('Normal', 'Started', `Started container ${c.name}`);
    mem.waiting.delete(c.name);

    const postStart = c.lifecycle?.postStart;
    if (postStart) {
      try {
        await runHandler(postStart, { pod, container: c, containerId: id, podIP, runtime: this.#d.runtime }, pod.spec.terminationGracePeriodSeconds ?? 30);
      } catch (e) {
        const message = (e as Error).message;
        events('Warning', 'FailedPostStartHook', message);
        const status = await this.#d.runtime.containerStatus(id);
        if (status) await this.killContainer(pod, c, status, pod.spec.terminationGracePeriodSeconds ?? 30, podIP, true);
        mem.waiting.set(c.name, { reason: 'PostStartHookError', message });
        return false;
      }
    }
    return true;
  }

  /** preStop inside the grace period, then the runtime's stop with what is left (at least 2 s). */
  async killContainer(pod: Pod, c: Container | undefined, status: ContainerStatus, graceSeconds: number, podIP: string, skipPreStop = false, why?: string): Promise<void> {
    const name = containerNameOf(status);
    if (status.state !== 'running') return;
    this.#event(pod, 'Normal', 'Killing', why ?? `Stopping container ${name}`, c);
    let remaining = graceSeconds;
    const preStop = c?.lifecycle?.preStop;
    if (preStop && !skipPreStop && graceSeconds > 0) {
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
      }
      remaining = graceSeconds - Math.floor((Date.now() - started) / 1000);
    }
    await this.#d.runtime.stopContainer(status.id, Math.max(remaining, graceSeconds > 0 ? MIN_STOP_SECONDS : 0));
  }

  /** Stop every running container (in parallel, each with its preStop) and then the sandbox. */
  async killPod(pod: Pod, observed: ObservedPod, graceSeconds: number): Promise<void> {
    const ip = sandboxIP(observed);
    await Promise.all(observed.containers.map((s) => this.killContainer(pod, specOf(pod, containerNameOf(s)), s, graceSeconds, ip)));
    for (const sb of observed.sandboxes) if (sb.state === 'ready') await this.#d.runtime.stopPodSandbox(sb.id);
  }

  /** Remove every trace of a Pod that is gone: containers, sandboxes, volumes, its folder. */
  async cleanup(uid: string, observed: ObservedPod): Promise<void> {
    for (const c of observed.containers) await this.#d.runtime.removeContainer(c.id);
    for (const sb of observed.sandboxes) await this.#d.runtime.removePodSandbox(sb.id);
    const podDir = podDirOf(this.#d, uid);
    await tearDownVolumes(podDir);
    await fs.rm(podDir, { recursive: true, force: true });
  }

  /** Dead instances beyond the newest two of each container are removed. */
  async #pruneInstances(pod: Pod): Promise<void> {
    const fresh = await observePod(this.#d.runtime, pod.metadata.uid ?? '');
    for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      for (const old of instancesOf(fresh, c.name).slice(KEEP_INSTANCES)) {
        if (old.state !== 'running') {
          await this.#d.runtime.removeContainer(old.id);
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

// The kubelet: registers the node, keeps it alive, and runs one worker per Pod bound here. Each sync
// takes one snapshot of the Pod in the runtime, applies computePodActions for the worker's state, and
// reports computePodStatus once, over the snapshot with the actions' results; deletion runs the Pod
// down within its grace period (terminating) and then removes it for good (terminated).

import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { isApiError } from '../api/errors.js';
import { deepEqual } from '../api/patch/json-patch.js';
import type { Pod } from '../api/types.js';
import type { ContainerStatus, ImageService, RuntimeService } from '../runtime/types.js';
import type { KubeletCluster, PodEventType } from './cluster.js';
import { rotateLogIfNeeded } from './logs.js';
import { NodeHeartbeat } from './nodeHeartbeat.js';
import type { HostFacts } from './nodeInfo.js';
import { observePod, type ObservedPod } from './observed.js';
import { gracePeriodOf, type PodWorkerState } from './podActions.js';
import { computePodStatus } from './podStatus.js';
import { CLUSTER_DOMAIN } from './podFiles.js';
import { newPodMemory, podDirOf, PodSyncer, type PodMemory } from './podSync.js';
import { PodWorkers } from './podWorkers.js';
import { ProbeManager } from './proberManager.js';
import { Relister } from './relist.js';
import { applyResizes, withResizeStatus } from './resize.js';
import { hostAppArmorEnabled } from './securityProfiles.js';
import { StatusManager } from './statusManager.js';
import { withTerminationMessages } from './terminationMessage.js';
import { VolumeObjectWatch } from './volumeObjectWatch.js';
import { traceLine, traceSpan } from '../util/trace.js';

export interface KubeletOptions {
  nodeName: string;
  cluster: KubeletCluster;
  runtime: RuntimeService;
  images: ImageService;
  /** Pods' folders and logs live under it; its filesystem is the node's ephemeral storage. */
  dataDir: string;
  podCIDR?: string;
  /** The Node's InternalIP (the kubelet's --node-ip); the first host address when not given. */
  nodeIP?: string;
  /** The port of the kubelet's HTTPS endpoint (logs, exec), published in the Node status. */
  kubeletPort?: number;
  /** The node Lease's duration (nodeLeaseDurationSeconds, 40 by default); renewed every quarter of it. */
  leaseDurationSeconds?: number;
  /** The runtime's version for the Node's nodeInfo; asked of the runtime when not given. */
  runtimeVersion?: string;
  /** false when the runtime's Pod IPs cannot be reached from here (the fake runtime): network probes pass. */
  podNetworkReachable?: boolean;
  /** The kubelet's clusterDNS: nameservers of ClusterFirst Pods (none: they get the host's resolv.conf). */
  clusterDNS?: string[];
  /** The kubelet's clusterDomain, cluster.local by default. */
  clusterDomain?: string;
  /** The kubelet's resolvConf: the host's resolver file Pods' files start from (/etc/resolv.conf). */
  resolvConf?: string;
  /** Where diagnostics go; console.error by default. */
  log?: (message: string) => void;
  /** Reads the host for the Node's capacity and conditions (readHostFacts); kubelets on one host may share it. */
  hostFacts?: (dataDir: string) => Promise<HostFacts>;
}

interface PodRecord { pod: Pod; removed: boolean; mem: PodMemory }

/** What of a Pod its sync acts on, besides the status: the spec, labels and annotations (downwardAPI files), its deletion. */
function differsForSync(a: Pod, b: Pod): boolean {
  const ma = a.metadata;
  const mb = b.metadata;
  return ma.deletionTimestamp !== mb.deletionTimestamp || ma.deletionGracePeriodSeconds !== mb.deletionGracePeriodSeconds
    || !deepEqual(ma.labels, mb.labels) || !deepEqual(ma.annotations, mb.annotations) || !deepEqual(a.spec, b.spec);
}

const ERROR_RETRY_MS = 2_000;
/** How long a new Pod's first sync may take before its acknowledgment (Pending, startTime) is written apart. */
const ACK_AFTER_MS = 1_000;
/** The kubelet's defaults: containerLogMaxSize 10Mi, containerLogMaxFiles 5 (the live file included). */
const LOG_MAX_BYTES = 10 * 2 ** 20;
const LOG_MAX_FILES = 5;
const LOG_ROTATE_CHECK_MS = 10_000;

export class Kubelet {
  readonly #o: KubeletOptions;
  readonly #records = new Map<string, PodRecord>();
  readonly #status: StatusManager;
  readonly #workers: PodWorkers;
  readonly #relister: Relister;
  readonly #probes: ProbeManager;
  readonly #volumeObjects: VolumeObjectWatch;
  readonly #log: (m: string) => void;
  #heartbeat: NodeHeartbeat | undefined;
  #syncer: PodSyncer | undefined;
  #synced = false;
  #abort = new AbortController();
  #relistDone: Promise<void> | undefined;
  #rotatedAt = 0;

  constructor(opts: KubeletOptions) {
    this.#o = opts;
    this.#log = opts.log ?? ((m) => console.error(`kubelet ${opts.nodeName}: ${m}`));
    this.#status = new StatusManager(opts.cluster);
    this.#workers = new PodWorkers((uid, state) => this.#syncOne(uid, state), (uid, e) => {
      this.#log(`sync of pod ${uid} failed: ${(e as Error).stack ?? e}`);
      this.#workers.kickAt(uid, Date.now() + ERROR_RETRY_MS);
    });
    this.#probes = new ProbeManager({
      cluster: opts.cluster, runtime: opts.runtime, onChange: (uid) => this.#workers.kick(uid), ...(opts.podNetworkReachable === false ? { podNetworkReachable: false } : {}),
    });
    this.#volumeObjects = new VolumeObjectWatch(opts.cluster, (uid) => {
      const rec = this.#records.get(uid);
      if (!rec) return;
      rec.mem.volumeObjectsChanged = true;
      this.#workers.kick(uid);
    }, this.#abort.signal);
    this.#relister = new Relister(opts.runtime, (uid) => this.#onRuntimeChange(uid));
  }

  /** Register the node, start heartbeats, relisting and the Pod watch; resolves once Pods are listed. */
  async start(signal: AbortSignal): Promise<void> {
    signal.addEventListener('abort', () => this.#abort.abort(), { once: true });
    const own = this.#abort.signal;
    const o = this.#o;
    const runtimeVersion = o.runtimeVersion ?? (await o.runtime.version());
    const identity = { nodeName: o.nodeName, runtimeVersion, runtimeFeatures: await o.runtime.features(), ...(o.podCIDR ? { podCIDR: o.podCIDR } : {}), ...(o.nodeIP ? { nodeIP: o.nodeIP } : {}), ...(o.kubeletPort ? { kubeletPort: o.kubeletPort } : {}) };
    this.#heartbeat = new NodeHeartbeat(o.cluster, identity, o.dataDir, o.leaseDurationSeconds, o.hostFacts);
    await fs.mkdir(o.dataDir, { recursive: true });
    await this.#heartbeat.register();
    this.#heartbeat.run(own, (e) => this.#log(`node heartbeat: ${(e as Error).message}`));
    const [hostResolvConf, hostHostsFile] = await Promise.all([
      fs.readFile(o.resolvConf ?? '/etc/resolv.conf', 'utf8').catch(() => ''),
      fs.readFile('/etc/hosts', 'utf8').catch(() => ''),
    ]);
    this.#syncer = new PodSyncer({
      runtime: o.runtime,
      images: o.images,
      cluster: o.cluster,
      hostIP: this.#heartbeat.hostIP,
      hostResolvConf,
      ...(o.clusterDNS?.length ? { clusterDNS: { nameservers: o.clusterDNS, domain: o.clusterDomain ?? CLUSTER_DOMAIN } } : {}),
      hostHostsFile,
      nodeAllocatable: this.#heartbeat.allocatable,
      podsDir: join(o.dataDir, 'pods'),
      logsDir: join(o.dataDir, 'logs'),
      seccompRoot: join(o.dataDir, 'seccomp'),
      appArmorEnabled: hostAppArmorEnabled(),
      probes: this.#probes,
    });
    await o.cluster.watchPods(o.nodeName, (type, pod) => this.#onPod(type, pod), own);
    this.#synced = true;
    // Containers of Pods that no longer exist (or were adopted after a restart) are found here.
    this.#relistDone = this.#relister.run(own, (e) => this.#log(`relist: ${(e as Error).message}`), async (byPod) => {
      for (const uid of byPod.keys()) if (!this.#records.has(uid)) this.#onRuntimeChange(uid);
      if (Date.now() - this.#rotatedAt >= LOG_ROTATE_CHECK_MS) {
        this.#rotatedAt = Date.now();
        await this.#rotateLogs([...byPod.values()].flatMap((o) => o.containers));
      }
    });
  }

  async #rotateLogs(containers: ContainerStatus[]): Promise<void> {
    for (const c of containers) {
      if (c.state === 'running' && c.logPath) await rotateLogIfNeeded(c.logPath, LOG_MAX_BYTES, LOG_MAX_FILES - 1);
    }
  }

  /** Stop watching and syncing; containers keep running, to be adopted by the next kubelet. */
  async stop(): Promise<void> {
    this.#abort.abort();
    this.#probes.stop();
    await this.#relistDone;
    await this.#workers.stop();
  }

  /** Wait until no Pod worker is busy (tests). */
  idle(): Promise<void> {
    return this.#workers.idle();
  }

  /** Pod syncs run so far, by the worker's state. */
  get podSyncs(): Readonly<Record<PodWorkerState, number>> {
    return this.#workers.syncs;
  }

  #podDir(uid: string): string {
    return podDirOf({ podsDir: join(this.#o.dataDir, 'pods') }, uid);
  }

  #onPod(type: PodEventType, pod: Pod): void {
    const uid = pod.metadata.uid;
    if (!uid) return;
    let rec = this.#records.get(uid);
    const before = rec?.pod;
    if (!rec) {
      this.#records.set(uid, (rec = { pod, removed: false, mem: newPodMemory() }));
      traceLine(Date.now(), 'kubelet:seen', pod.metadata.name);
    }
    rec.pod = pod;
    if (type === 'DELETED') rec.removed = true;
    if (rec.removed || pod.metadata.deletionTimestamp) this.#workers.terminate(uid);
    else {
      const foreign = this.#status.observe(pod);
      this.#volumeObjects.track(pod);
      // As upstream's pod config: a change of the status alone (mostly this kubelet's own write coming
      // back) is no reason to sync, unless another writer's status is to be put right.
      if (!before || foreign || differsForSync(before, pod)) this.#workers.kick(uid);
    }
  }

  /** The runtime changed for this Pod; one the API does not know (once it is listed) is an orphan to stop and remove. */
  #onRuntimeChange(uid: string): void {
    if (this.#records.has(uid)) this.#workers.kick(uid);
    else if (this.#synced) this.#workers.terminate(uid);
  }

  async #syncOne(uid: string, state: PodWorkerState): Promise<number | undefined> {
    const rec = this.#records.get(uid);
    if (state === 'terminated') {
      // Cleanup waits until the API no longer has the Pod (an orphan never had it here).
      if (rec && !rec.removed) return undefined;
      await this.#syncer!.cleanup(uid, await observePod(this.#o.runtime, uid));
      this.#records.delete(uid);
      this.#volumeObjects.forget(uid);
      this.#status.forget(uid);
      this.#workers.forget(uid);
      return undefined;
    }
    const observed = await observePod(this.#o.runtime, uid);
    if (!rec && observed.sandboxes.length === 0 && observed.containers.length === 0) {
      this.#workers.forget(uid); // a Pod that just vanished from the runtime, already cleaned up
      return undefined;
    }
    if (state === 'terminating') {
      await this.#terminate(uid, rec, observed);
      return undefined;
    }
    return this.#sync(rec!, observed);
  }

  async #sync(rec: PodRecord, observed: ObservedPod): Promise<number | undefined> {
    let pod = this.#status.withLatestStatus(rec.pod);
    const uid = pod.metadata.uid!;
    const hostIP = this.#heartbeat!.hostIP;
    const syncer = this.#syncer!;
    let ackTimer: NodeJS.Timeout | undefined;
    let acknowledge = (): void => {};
    if (!pod.status?.startTime) {
      // Acknowledge a new Pod while the slow work (sandbox, image pulls) goes on, as upstream's kubelet
      // does: status.startTime then says when this kubelet first saw it. A sync done within
      // ACK_AFTER_MS writes that startTime with its own status instead, one write where there were two.
      // The status manager sends a Pod's writes in order (a failed acknowledgment is sent again with
      // the next status), so the work never waits for it.
      const ack = computePodStatus(pod, { observed, waiting: rec.mem.waiting, hostIP, now: new Date(), probes: this.#probes });
      const seen = pod;
      acknowledge = () => {
        clearTimeout(ackTimer);
        acknowledge = () => {};
        traceSpan('kubelet:ack', seen.metadata.name ?? '', this.#status.set(seen, ack)).catch(() => {});
      };
      ackTimer = setTimeout(() => acknowledge(), ACK_AFTER_MS);
      pod = { ...pod, status: { ...pod.status, ...ack } };
    }
    let synced: Awaited<ReturnType<PodSyncer['sync']>>;
    try {
      synced = await traceSpan('kubelet:act', pod.metadata.name ?? '', syncer.sync(pod, observed, rec.mem));
    } catch (e) {
      acknowledge(); // the Pod was seen all the same; the retry's status comes later
      throw e;
    } finally {
      clearTimeout(ackTimer);
    }
    const { observed: acted, nextSyncAtMs } = synced;
    let after = await withTerminationMessages(pod, acted, this.#podDir(uid));
    const podIP = pod.spec.hostNetwork ? hostIP : after.sandboxes[0]?.ip ?? '';
    const resize = await applyResizes(pod, after, {
      runtime: this.#o.runtime, nodeAllocatable: this.#heartbeat!.allocatable, restart: async (c, s) => void (await syncer.killContainer(pod, c, s, gracePeriodOf(pod), podIP, false, `Container ${c.name} resize requires restart`)),
    });
    // A resize changed the containers' resources: the status reads them once more.
    if (resize.applied) after = await withTerminationMessages(pod, await observePod(this.#o.runtime, uid), this.#podDir(uid));
    this.#probes.sync(pod, after, podIP);
    const status = computePodStatus(pod, { observed: after, waiting: rec.mem.waiting, hostIP, now: new Date(), probes: this.#probes, sandboxReadyAt: rec.mem.sandboxReadyAt, ...(rec.mem.failure ? { failure: rec.mem.failure } : {}) });
    await traceSpan('kubelet:status', `${pod.metadata.name} ${status.phase}`, this.#status.set(pod, withResizeStatus(status, pod, after, resize, new Date())));
    return nextSyncAtMs;
  }

  /** Stop the Pod; one still in the API gets its final status and is then deleted for good. */
  async #terminate(uid: string, rec: PodRecord | undefined, observed: ObservedPod): Promise<void> {
    this.#probes.forget(uid);
    const latest = rec && this.#status.withLatestStatus(rec.pod);
    // Gone from the API without a graceful deletion (`kubectl delete --force --grace-period=0`): at once.
    const pod = latest && rec.removed && !latest.metadata.deletionTimestamp ? { ...latest, metadata: { ...latest.metadata, deletionGracePeriodSeconds: 0 } } : latest;
    const stopped = await this.#syncer!.terminate(pod, observed);
    if (!pod || !rec || rec.removed) return;
    const final = await withTerminationMessages(pod, stopped, this.#podDir(uid));
    await this.#status.set(pod, computePodStatus(pod, { observed: final, waiting: new Map(), hostIP: this.#heartbeat!.hostIP, now: new Date(), podIsTerminal: true }));
    const m = pod.metadata;
    await this.#o.cluster.deletePod(m.namespace ?? 'default', m.name ?? '', uid).catch((e) => {
      if (!isApiError(e, 'NotFound')) throw e;
    });
  }
}

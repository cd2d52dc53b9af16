// The kubelet: registers the node, keeps it alive, and runs one worker per Pod bound here. Each sync
// observes the runtime, applies computePodActions, and reports computePodStatus; deletion runs the
// Pod down within its grace period and then removes it for good.

import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { isApiError } from '../api/errors.js';
import type { Pod } from '../api/types.js';
import type { ContainerStatus, ImageService, RuntimeService } from '../runtime/types.js';
import type { KubeletCluster, PodEventType } from './cluster.js';
import { rotateLogIfNeeded } from './logs.js';
import { NodeHeartbeat } from './nodeHeartbeat.js';
import { runcVersion } from './nodeInfo.js';
import { computePodStatus } from './podStatus.js';
import { gracePeriodOf, newPodMemory, observePod, podDirOf, PodSyncer, type PodMemory } from './podSync.js';
import { PodWorkers } from './podWorkers.js';
import { ProbeManager } from './proberManager.js';
import { Relister } from './relist.js';
import { StatusManager } from './statusManager.js';
import { withTerminationMessages } from './terminationMessage.js';

export interface KubeletOptions {
  nodeName: string;
  cluster: KubeletCluster;
  runtime: RuntimeService;
  images: ImageService;
  /** Pods' folders and logs live under it; its filesystem is the node's ephemeral storage. */
  dataDir: string;
  podCIDR?: string;
  /** The port of the kubelet's HTTPS endpoint (logs, exec), published in the Node status. */
  kubeletPort?: number;
  /** The node Lease's duration (nodeLeaseDurationSeconds, 40 by default); renewed every quarter of it. */
  leaseDurationSeconds?: number;
  /** The runtime's version for the Node's nodeInfo; asked of runc when not given. */
  runtimeVersion?: string;
  /** false when the runtime's Pod IPs cannot be reached from here (the fake runtime): network probes pass. */
  podNetworkReachable?: boolean;
  /** Where diagnostics go; console.error by default. */
  log?: (message: string) => void;
}

/** syncing → terminating (deleted or removed from the API) → terminated (stopped, deletion sent). */
export type PodWorkerState = 'syncing' | 'terminating' | 'terminated';

interface PodRecord { pod: Pod; removed: boolean; state: PodWorkerState; mem: PodMemory }

const ERROR_RETRY_MS = 2_000;
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
    this.#workers = new PodWorkers((uid) => this.#syncOne(uid), (uid, e) => {
      this.#log(`sync of pod ${uid} failed: ${(e as Error).stack ?? e}`);
      this.#workers.kickAt(uid, Date.now() + ERROR_RETRY_MS);
    });
    this.#probes = new ProbeManager({
      cluster: opts.cluster, runtime: opts.runtime, onChange: (uid) => this.#workers.kick(uid), ...(opts.podNetworkReachable === false ? { podNetworkReachable: false } : {}),
    });
    this.#relister = new Relister(opts.runtime, (uid) => {
      if (this.#synced || this.#records.has(uid)) this.#workers.kick(uid);
    });
  }

  /** Register the node, start heartbeats, relisting and the Pod watch; resolves once Pods are listed. */
  async start(signal: AbortSignal): Promise<void> {
    signal.addEventListener('abort', () => this.#abort.abort(), { once: true });
    const own = this.#abort.signal;
    const o = this.#o;
    const runtimeVersion = o.runtimeVersion ?? (await runcVersion());
    const identity = { nodeName: o.nodeName, runtimeVersion, ...(o.podCIDR ? { podCIDR: o.podCIDR } : {}), ...(o.kubeletPort ? { kubeletPort: o.kubeletPort } : {}) };
    this.#heartbeat = new NodeHeartbeat(o.cluster, identity, o.dataDir, o.leaseDurationSeconds);
    await fs.mkdir(o.dataDir, { recursive: true });
    await this.#heartbeat.register();
    this.#heartbeat.run(own, (e) => this.#log(`node heartbeat: ${(e as Error).message}`));
    const [hostResolvConf, hostHostsFile] = await Promise.all([
      fs.readFile('/etc/resolv.conf', 'utf8').catch(() => ''),
      fs.readFile('/etc/hosts', 'utf8').catch(() => ''),
    ]);
    this.#syncer = new PodSyncer({
      runtime: o.runtime,
      images: o.images,
      cluster: o.cluster,
      hostIP: this.#heartbeat.hostIP,
      hostResolvConf,
      hostHostsFile,
      nodeAllocatable: this.#heartbeat.allocatable,
      podsDir: join(o.dataDir, 'pods'),
      logsDir: join(o.dataDir, 'logs'),
      probes: this.#probes,
    });
    await o.cluster.watchPods(o.nodeName, (type, pod) => this.#onPod(type, pod), own);
    this.#synced = true;
    // Containers of Pods that no longer exist (or were adopted after a restart) are found here.
    this.#relistDone = this.#relister.run(own, (e) => this.#log(`relist: ${(e as Error).message}`), async (byPod) => {
      for (const uid of byPod.keys()) if (!this.#records.has(uid)) this.#workers.kick(uid);
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

  #podDir(uid: string): string {
    return podDirOf({ podsDir: join(this.#o.dataDir, 'pods') }, uid);
  }

  #onPod(type: PodEventType, pod: Pod): void {
    const uid = pod.metadata.uid;
    if (!uid) return;
    let rec = this.#records.get(uid);
    if (!rec) this.#records.set(uid, (rec = { pod, removed: false, state: 'syncing', mem: newPodMemory() }));
    rec.pod = pod;
    if (type === 'DELETED') rec.removed = true;
    this.#workers.kick(uid);
  }

  async #syncOne(uid: string): Promise<number | undefined> {
    const syncer = this.#syncer!;
    const runtime = this.#o.runtime;
    const rec = this.#records.get(uid);
    const observed = await observePod(runtime, uid);
    if (!rec) {
      // An orphan: the runtime holds a Pod the API no longer has.
      if (observed.sandboxes.length > 0 || observed.containers.length > 0) {
        for (const sb of observed.sandboxes) await runtime.stopPodSandbox(sb.id);
        await syncer.cleanup(uid, observed);
      }
      this.#workers.forget(uid);
      return undefined;
    }
    let pod = this.#status.withLatestStatus(rec.pod);
    const hostIP = this.#heartbeat!.hostIP;

    if (rec.removed || pod.metadata.deletionTimestamp) {
      if (rec.state === 'syncing') rec.state = 'terminating';
      this.#probes.forget(uid);
      if (rec.state === 'terminating') {
        await syncer.killPod(pod, observed, gracePeriodOf(pod));
        const stopped = await withTerminationMessages(pod, await observePod(runtime, uid), this.#podDir(uid));
        if (!rec.removed) {
          await this.#status.set(pod, computePodStatus(pod, { observed: stopped, waiting: new Map(), hostIP, now: new Date(), podIsTerminal: true }));
          const m = pod.metadata;
          await this.#o.cluster.deletePod(m.namespace ?? 'default', m.name ?? '', uid).catch((e) => {
            if (!isApiError(e, 'NotFound')) throw e;
          });
        }
        rec.state = 'terminated';
      }
      if (rec.removed) {
        await syncer.cleanup(uid, await observePod(runtime, uid));
        this.#records.delete(uid);
        this.#status.forget(uid);
        this.#workers.forget(uid);
      }
      return undefined;
    }

    if (!pod.status?.startTime) {
      // Acknowledge a new Pod before the slow work (sandbox, images), as upstream's kubelet does:
      // status.startTime then says when this kubelet first saw it.
      await this.#status.set(pod, computePodStatus(pod, { observed, waiting: rec.mem.waiting, hostIP, now: new Date(), probes: this.#probes }));
      pod = this.#status.withLatestStatus(rec.pod);
    }
    const next = await syncer.sync(pod, observed, rec.mem);
    const after = await withTerminationMessages(pod, await observePod(runtime, uid), this.#podDir(uid));
    this.#probes.sync(pod, after, pod.spec.hostNetwork ? hostIP : after.sandboxes[0]?.ip ?? '');
    await this.#status.set(pod, computePodStatus(pod, { observed: after, waiting: rec.mem.waiting, hostIP, now: new Date(), probes: this.#probes, ...(rec.mem.failure ? { failure: rec.mem.failure } : {}) }));
    return next;
  }
}

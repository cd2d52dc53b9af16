// Hollow nodes: Node objects with Leases and Pods that "run" without containers, so the scheduler
// and the controllers can be exercised at a scale no real machine offers. One Pod watch serves all
// of them (filtered by node name); status writes are coalesced per Pod and sent with bounded
// concurrency. Stopping leaves the nodes in place, silent, as a crashed kubelet would.

import { isApiError } from '../../api/errors.js';
import type { Lease, Node, Pod } from '../../api/types.js';
import { Informer, keyOf, sleep } from '../../client/informer.js';
import { leases, nodes, pods } from '../../client/resources.js';
import type { RestClient } from '../../client/rest.js';
import { simNodeNetwork, simPodAction } from './podstatus.js';

export interface HollowNodeOptions {
  client: RestClient;
  count: number;
  prefix?: string;
  leaseIntervalMs?: number;
  /** Status writes in flight at once. */
  concurrency?: number;
  log?: (line: string) => void;
}

const isoNow = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const microNow = () => new Date().toISOString().replace(/Z$/, '000Z');

export class HollowNodes {
  #client: RestClient;
  #count: number;
  #prefix: string;
  #leaseInterval: number;
  #concurrency: number;
  #log: (line: string) => void;
  #podCounter = new Map<string, number>();
  #pending = new Map<string, Pod>();
  #idleWriters: (() => void)[] = [];

  constructor(opts: HollowNodeOptions) {
    this.#client = opts.client;
    this.#count = opts.count;
    this.#prefix = opts.prefix ?? 'sim-';
    this.#leaseInterval = opts.leaseIntervalMs ?? 10_000;
    this.#concurrency = opts.concurrency ?? 32;
    this.#log = opts.log ?? ((l) => process.stderr.write(`sim: ${l}\n`));
  }

  nodeName(i: number): string {
    return `${this.#prefix}${i}`;
  }

  /** The index of one of our nodes, or -1. */
  #indexOf(nodeName: string | undefined): number {
    if (!nodeName?.startsWith(this.#prefix)) return -1;
    const i = Number(nodeName.slice(this.#prefix.length));
    return Number.isInteger(i) && i >= 0 && i < this.#count ? i : -1;
  }

  async run(signal: AbortSignal): Promise<void> {
    await this.#forEachNode((i) => this.#register(i));
    this.#log(`registered ${this.#count} nodes ${this.nodeName(0)}..${this.nodeName(this.#count - 1)}`);
    const podInformer = new Informer<Pod>(this.#client, pods, { onError: (e) => this.#log(`pod watch: ${(e as Error).message}`) });
    const nodeInformer = new Informer<Node>(this.#client, nodes, { onError: (e) => this.#log(`node watch: ${(e as Error).message}`) });
    const onPod = (p: Pod) => {
      if (this.#indexOf(p.spec.nodeName) >= 0 && simPodAction(p, { hostIP: '', podIP: '' }, '') !== null) this.#enqueue(p);
    };
    podInformer.addHandlers({ onAdd: onPod, onUpdate: (_o, p) => onPod(p) });
    // A node marked Unknown while we were away: say Ready again, as a kubelet does on its next update.
    const onNode = (n: Node) => {
      const i = this.#indexOf(n.metadata.name);
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status;
      if (i >= 0 && ready !== 'True') void this.#postReady(i).catch((e: unknown) => this.#log(`node ${n.metadata.name}: ${(e as Error).message}`));
    };
    nodeInformer.addHandlers({ onAdd: onNode, onUpdate: (_o, n) => onNode(n) });
    signal.addEventListener('abort', () => this.#idleWriters.splice(0).forEach((w) => w()), { once: true });
    await Promise.all([
      podInformer.run(signal),
      nodeInformer.run(signal),
      this.#renewLeases(signal),
      ...Array.from({ length: this.#concurrency }, () => this.#writer(signal)),
    ]);
  }

  /** Runs fn for every node index, `concurrency` at a time. */
  async #forEachNode(fn: (i: number) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < this.#count) await fn(next++);
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, this.#count) }, worker));
  }

  async #register(i: number): Promise<void> {
    const name = this.nodeName(i);
    const net = simNodeNetwork(i);
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'berth.dev/sim': 'true' } },
      spec: { podCIDR: net.podCIDR, podCIDRs: [net.podCIDR] },
      status: this.#nodeStatus(i),
    };
    try {
      const created = await this.#client.create<Node>(nodes, undefined, node);
      if (!created.status?.conditions?.length) await this.#postReady(i);
    } catch (e) {
      if (!isApiError(e, 'AlreadyExists')) throw e;
      await this.#postReady(i);
    }
    const lease: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace: 'kube-node-lease' },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: microNow() },
    };
    try {
      await this.#client.create(leases, 'kube-node-lease', lease);
    } catch (e) {
      if (!isApiError(e, 'AlreadyExists')) throw e;
      await this.#renew(i);
    }
  }

  #nodeStatus(i: number): NonNullable<Node['status']> {
    const now = isoNow();
    const resources = { cpu: '32', memory: '256Gi', pods: '110' };
    const cond = (type: string, status: 'True' | 'False', reason: string, message: string) => ({ type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: now });
    return {
      capacity: resources,
      allocatable: resources,
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      addresses: [{ type: 'InternalIP', address: simNodeNetwork(i).hostIP }, { type: 'Hostname', address: this.nodeName(i) }],
      nodeInfo: { kubeletVersion: 'v1.32.0-berth-sim', operatingSystem: 'linux', architecture: 'amd64', containerRuntimeVersion: 'sim://0' },
    };
  }

  async #postReady(i: number): Promise<void> {
    await this.#client.patch(nodes, undefined, this.nodeName(i), 'merge', { status: this.#nodeStatus(i) }, { subresource: 'status' });
  }

  #renew(i: number): Promise<unknown> {
    return this.#client.patch(leases, 'kube-node-lease', this.nodeName(i), 'merge', { spec: { renewTime: microNow() } });
  }

  /** Renews every Lease once per interval, spread evenly over it rather than all at once. */
  async #renewLeases(signal: AbortSignal): Promise<void> {
    const step = this.#leaseInterval / Math.max(1, this.#count);
    while (!signal.aborted) {
      const start = Date.now();
      for (let i = 0; i < this.#count && !signal.aborted; i++) {
        const due = start + i * step - Date.now();
        if (due > 0) await sleep(due, signal);
        if (signal.aborted) break;
        this.#renew(i).catch((e: unknown) => this.#log(`lease ${this.nodeName(i)}: ${(e as Error).message}`));
      }
      await sleep(start + this.#leaseInterval - Date.now(), signal);
    }
  }

  #enqueue(p: Pod): void {
    this.#pending.set(keyOf(p), p);
    this.#idleWriters.shift()?.();
  }

  async #writer(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const next = this.#pending.entries().next();
      if (next.done) {
        await new Promise<void>((r) => this.#idleWriters.push(r));
        continue;
      }
      const [key, pod] = next.value;
      this.#pending.delete(key);
      try {
        await this.#apply(pod);
      } catch (e) {
        if (!isApiError(e, 'NotFound') && !isApiError(e, 'Conflict')) this.#log(`${key}: ${(e as Error).message}`);
      }
    }
  }

  async #apply(pod: Pod): Promise<void> {
    const nodeName = pod.spec.nodeName!;
    const net = simNodeNetwork(this.#indexOf(nodeName));
    const n = this.#podCounter.get(nodeName) ?? 0;
    const action = simPodAction(pod, { hostIP: net.hostIP, podIP: net.podIP(n) }, isoNow());
    if (!action) return;
    const { namespace, name } = pod.metadata;
    if (action.kind === 'delete') {
      await this.#client.delete(pods, namespace, name!, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
      return;
    }
    if (!pod.status?.podIP) this.#podCounter.set(nodeName, n + 1);
    await this.#client.patch(pods, namespace, name!, 'merge', { status: action.status }, { subresource: 'status' });
  }
}

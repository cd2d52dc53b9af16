// Node registration and the two heartbeats: the Lease renewed every 10 s (a quarter of its duration),
// and the Node status sent every 10 s when it changed, else every 5 minutes; and at registration when
// the stored one is stale.

import { microTime, rfc3339 } from '../api/time.js';
import { isExtendedResourceName } from '../api/validation/resources.js';
import type { Lease, Node, NodeCondition } from '../api/types.js';
import type { KubeletCluster } from './cluster.js';
import { buildNode, buildNodeStatus, readHostFacts, type HostFacts, type NodeIdentity } from './nodeInfo.js';

export const LEASE_DURATION_SECONDS = 40;
export const STATUS_CHECK_MS = 10_000;
export const STATUS_REPORT_MS = 5 * 60_000;
/** Attempts at one renewal (upstream's maxUpdateRetries). */
const LEASE_UPDATE_TRIES = 5;

type NodeStatus = NonNullable<Node['status']>;

export { microTime };

/** The status without heartbeat stamps, for "did anything change?". */
function essence(s: NodeStatus): string {
  return JSON.stringify({ ...s, conditions: s.conditions?.map(({ type, status, reason, message }) => ({ type, status, reason, message })) });
}

export function stampConditions(next: NodeCondition[], prev: NodeCondition[] | undefined, now: string): NodeCondition[] {
  return next.map((c) => {
    const old = prev?.find((p) => p.type === c.type);
    return { ...c, lastHeartbeatTime: now, lastTransitionTime: old?.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : now };
  });
}

/**
 * Extended resources advertised on the stored Node (by patching its status capacity, as a device plugin
 * or an admin does) are kept in the status the kubelet sends, and offered as allocatable, as the kubelet
 * does; otherwise each report would look changed and allocatable would never show them.
 */
export function keepAdvertisedResources(next: NodeStatus, stored: NodeStatus | undefined): NodeStatus {
  for (const [name, amount] of Object.entries(stored?.capacity ?? {})) {
    if (!isExtendedResourceName(name)) continue;
    (next.capacity ??= {})[name] = amount;
    (next.allocatable ??= {})[name] = amount;
  }
  return next;
}

export class NodeHeartbeat {
  readonly #cluster: KubeletCluster;
  readonly #id: NodeIdentity;
  readonly #dataDir: string;
  readonly #leaseSeconds: number;
  readonly #facts: (dataDir: string) => Promise<HostFacts>;
  #node: Node | undefined;
  #sent: NodeStatus | undefined;
  #sentAt = 0;

  /** facts reads the host (readHostFacts by default; kubelets sharing a host may share one reading). */
  constructor(cluster: KubeletCluster, id: NodeIdentity, dataDir: string, leaseSeconds = LEASE_DURATION_SECONDS, facts: (dataDir: string) => Promise<HostFacts> = readHostFacts) {
    this.#cluster = cluster;
    this.#id = id;
    this.#dataDir = dataDir;
    this.#leaseSeconds = leaseSeconds;
    this.#facts = facts;
  }

  /**
   * Create the Node, or take over the one a previous run left. Its status is then posted at once if the
   * stored one differs (a new kubelet port, new addresses), not at the next report 5 minutes later.
   */
  async register(): Promise<Node> {
    const node = buildNode(await this.#facts(this.#dataDir), this.#id);
    const now = rfc3339();
    node.status!.conditions = stampConditions(node.status!.conditions ?? [], undefined, now);
    this.#node = await this.#cluster.registerNode(node);
    const stored = this.#node.status;
    keepAdvertisedResources(node.status!, stored);
    if (!stored || essence(stored) !== essence(node.status!)) {
      node.status!.conditions = stampConditions(node.status!.conditions, stored?.conditions, now);
      await this.#cluster.updateNodeStatus(this.#id.nodeName, node.status!);
      this.#node = { ...this.#node, status: node.status };
    }
    this.#sent = node.status;
    this.#sentAt = Date.now();
    return this.#node;
  }

  get hostIP(): string {
    return this.#node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '127.0.0.1';
  }

  get allocatable(): Record<string, string> {
    return this.#sent?.allocatable ?? {};
  }

  async renewLease(now = new Date()): Promise<void> {
    const lease: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: this.#id.nodeName,
        namespace: 'kube-node-lease',
        ...(this.#node?.metadata.uid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.#id.nodeName, uid: this.#node.metadata.uid }] } : {}),
      },
      spec: { holderIdentity: this.#id.nodeName, leaseDurationSeconds: this.#leaseSeconds, renewTime: microTime(now) },
    };
    await this.#cluster.renewLease(lease);
  }

  /**
   * Send the status when it differs from the stored one or the report period passed; true when sent.
   * Compared with what the API holds, not with what was sent, so a status the node lifecycle
   * controller marked Unknown meanwhile is put right at the next check.
   */
  async updateStatusIfDue(nowMs = Date.now()): Promise<boolean> {
    const [facts, node] = await Promise.all([this.#facts(this.#dataDir), this.#cluster.getNode(this.#id.nodeName)]);
    const stored = node?.status ?? this.#sent;
    const next = keepAdvertisedResources(buildNodeStatus(facts, this.#id), stored);
    if (stored && essence(next) === essence(stored) && nowMs - this.#sentAt < STATUS_REPORT_MS) return false;
    next.conditions = stampConditions(next.conditions ?? [], stored?.conditions, rfc3339(nowMs));
    await this.#cluster.updateNodeStatus(this.#id.nodeName, next);
    this.#sent = next;
    this.#sentAt = nowMs;
    return true;
  }

  /** Both loops until signal aborts; failures are reported and retried at the next tick. */
  run(signal: AbortSignal, onError: (e: unknown) => void): void {
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => void fn().catch(onError), ms);
      signal.addEventListener('abort', () => clearInterval(t), { once: true });
    };
    // A failed renewal is tried again at once, a few times, as upstream's lease controller does, rather than
    // a whole period later: three periods lost in a row let the Lease lapse.
    const renew = async (): Promise<void> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.renewLease();
        } catch (e) {
          if (attempt >= LEASE_UPDATE_TRIES || signal.aborted) throw e;
          onError(e);
        }
      }
    };
    void renew().catch(onError);
    // Renewed four times per lease duration, as upstream's kubelet does (every 10 s for 40 s).
    every((this.#leaseSeconds * 1000) / 4, renew);
    every(STATUS_CHECK_MS, () => this.updateStatusIfDue());
  }
}

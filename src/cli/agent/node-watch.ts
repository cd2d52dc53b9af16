// What both pod-network backends (host-gw.ts, vxlan.ts) share: a watch on every Node that runs one
// reconcile at a time with the Nodes as they are now (a change during one asks for another after it,
// a failed one is tried again), the other nodes' addresses and pod CIDRs, and bringing a kernel table
// to what is wanted.

import { writeFile } from 'node:fs/promises';
import type { Node } from '../../api/types.js';
import { Informer } from '../../client/informer.js';
import { nodes } from '../../client/resources.js';
import type { RestClient } from '../../client/rest.js';

/** The routing protocol number berth's routes to other nodes' Pods carry (any unassigned one would do). */
export const ROUTE_PROTOCOL = '231';

/** A node other than this one: its InternalIP and its IPv4 pod CIDRs. */
export interface PeerNode { name: string; nodeIP: string; podCIDRs: string[]; node: Node }

export function peerNodes(all: readonly Node[], self: string): PeerNode[] {
  const out: PeerNode[] = [];
  for (const n of all) {
    if (n.metadata.name === self) continue;
    const nodeIP = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    if (!nodeIP || nodeIP.includes(':')) continue;
    const podCIDRs = (n.spec?.podCIDRs ?? (n.spec?.podCIDR ? [n.spec.podCIDR] : [])).filter((c) => !c.includes(':'));
    out.push({ name: n.metadata.name!, nodeIP, podCIDRs, node: n });
  }
  return out;
}

/**
 * Brings installed (key → value, as the kernel has it) to want: set for what is missing or differs,
 * del for what is no longer wanted; installed follows each step, so a failure part-way loses nothing.
 */
export async function syncTable(installed: Map<string, string>, want: ReadonlyMap<string, string>, set: (key: string, value: string) => Promise<void>, del: (key: string, value: string) => Promise<void>): Promise<void> {
  for (const [key, value] of want) {
    if (installed.get(key) === value) continue;
    await set(key, value);
    installed.set(key, value);
  }
  for (const [key, value] of [...installed]) {
    if (want.has(key)) continue;
    await del(key, value);
    installed.delete(key);
  }
}

/** A host forwards between its Pods' bridge and its uplink only with forwarding on. */
export async function enableForwarding(): Promise<void> {
  await writeFile('/proc/sys/net/ipv4/ip_forward', '1\n');
}

export class NodeWatch {
  readonly #informer: Informer<Node>;
  readonly #reconcile: (all: readonly Node[]) => Promise<void>;
  readonly #log: (line: string) => void;
  #running: Promise<void> | undefined;
  #again = false;

  constructor(client: RestClient, reconcile: (all: readonly Node[]) => Promise<void>, log: (line: string) => void) {
    this.#reconcile = reconcile;
    this.#log = log;
    this.#informer = new Informer<Node>(client, nodes, { onError: (e) => log(`node watch: ${(e as Error).message}`) });
    const kick = (): void => this.#kick();
    this.#informer.addHandlers({ onAdd: kick, onUpdate: kick, onDelete: kick });
  }

  /** Reconciles on every change until signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    const run = this.#informer.run(signal);
    await this.#informer.waitForSync();
    this.#kick();
    await run;
    await this.#running;
  }

  #kick(): void {
    if (!this.#informer.hasSynced()) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#reconcile(this.#informer.list()).catch((e: unknown) => {
      this.#log(`${(e as Error).message}; trying again in 2 s`);
      setTimeout(() => this.#kick(), 2_000).unref();
    }).finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.#kick();
      }
    });
  }
}

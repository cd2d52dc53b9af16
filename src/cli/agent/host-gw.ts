// Pod networking across nodes, host-gw style (flannel's host-gw backend): every other Node's pod CIDR
// is routed to that Node's InternalIP, from a watch on Nodes; a Node that goes (or changes address)
// takes its route with it. The nodes must share an L2 segment, as with flannel's host-gw. Routes carry
// a protocol number of their own, so those left by an earlier run are found and cleaned up at start.

import { writeFile } from 'node:fs/promises';
import type { Node } from '../../api/types.js';
import { Informer } from '../../client/informer.js';
import { nodes } from '../../client/resources.js';
import type { RestClient } from '../../client/rest.js';
import { runChecked } from '../../util/host-command.js';

/** The routing protocol number berth's routes carry (any unassigned one would do). */
export const ROUTE_PROTOCOL = '231';

/** pod CIDR → InternalIP of the node it belongs to, for every node but `self`. */
export function desiredRoutes(all: readonly Node[], self: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of all) {
    if (n.metadata.name === self) continue;
    const via = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    if (!via || via.includes(':')) continue;
    for (const cidr of n.spec?.podCIDRs ?? (n.spec?.podCIDR ? [n.spec.podCIDR] : [])) if (!cidr.includes(':')) out.set(cidr, via);
  }
  return out;
}

async function installedRoutes(): Promise<Map<string, string>> {
  const rows = JSON.parse((await runChecked('ip', ['-j', '-4', 'route', 'show', 'proto', ROUTE_PROTOCOL])).toString() || '[]') as { dst: string; gateway?: string }[];
  return new Map(rows.map((r) => [r.dst, r.gateway ?? '']));
}

export class HostGatewayRoutes {
  readonly #nodeName: string;
  readonly #informer: Informer<Node>;
  readonly #log: (line: string) => void;
  #installed = new Map<string, string>();
  /** One reconcile at a time; a change during one asks for another after it. */
  #running: Promise<void> | undefined;
  #again = false;

  constructor(client: RestClient, nodeName: string, log: (line: string) => void) {
    this.#nodeName = nodeName;
    this.#log = log;
    this.#informer = new Informer<Node>(client, nodes, { onError: (e) => log(`node watch: ${(e as Error).message}`) });
    const kick = (): void => this.#kick();
    this.#informer.addHandlers({ onAdd: kick, onUpdate: kick, onDelete: kick });
  }

  /** Routes the other nodes' Pods until signal aborts (the routes stay: running Pods keep talking). */
  async start(signal: AbortSignal): Promise<void> {
    // A host forwards between its Pods' bridge and its uplink only with forwarding on.
    await writeFile('/proc/sys/net/ipv4/ip_forward', '1\n');
    this.#installed = await installedRoutes();
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
    this.#running = this.#reconcile().catch((e: unknown) => {
      this.#log(`routes: ${(e as Error).message}; trying again in 2 s`);
      setTimeout(() => this.#kick(), 2_000).unref();
    }).finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.#kick();
      }
    });
  }

  async #reconcile(): Promise<void> {
    const want = desiredRoutes(this.#informer.list(), this.#nodeName);
    for (const [cidr, via] of want) {
      if (this.#installed.get(cidr) === via) continue;
      await runChecked('ip', ['route', 'replace', cidr, 'via', via, 'proto', ROUTE_PROTOCOL]);
      this.#installed.set(cidr, via);
    }
    for (const cidr of [...this.#installed.keys()]) {
      if (want.has(cidr)) continue;
      await runChecked('ip', ['route', 'del', cidr, 'proto', ROUTE_PROTOCOL]);
      this.#installed.delete(cidr);
    }
  }
}

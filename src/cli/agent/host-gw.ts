// Pod networking across nodes, host-gw style (flannel's host-gw backend): every other Node's pod CIDR
// is routed to that Node's InternalIP, from a watch on Nodes; a Node that goes (or changes address)
// takes its route with it. The nodes must share an L2 segment, as with flannel's host-gw (vxlan.ts
// is for nodes that do not). Routes carry a protocol number of their own, so those left by an
// earlier run are found and cleaned up at start.

import type { Node } from '../../api/types.js';
import type { RestClient } from '../../client/rest.js';
import { runChecked } from '../../util/host-command.js';
import { enableForwarding, NodeWatch, peerNodes, ROUTE_PROTOCOL, syncTable } from './node-watch.js';

/** pod CIDR → InternalIP of the node it belongs to, for every node but `self`. */
export function desiredRoutes(all: readonly Node[], self: string): Map<string, string> {
  return new Map(peerNodes(all, self).flatMap((p) => p.podCIDRs.map((cidr) => [cidr, p.nodeIP] as const)));
}

/** berth's routes as the kernel has them: destination → gateway ('' for one through a device alone). */
export async function installedRoutes(): Promise<Map<string, string>> {
  const rows = JSON.parse((await runChecked('ip', ['-j', '-4', 'route', 'show', 'proto', ROUTE_PROTOCOL])) || '[]') as { dst: string; gateway?: string }[];
  return new Map(rows.map((r) => [r.dst, r.gateway ?? '']));
}

export const deleteRoute = async (cidr: string): Promise<void> => void await runChecked('ip', ['route', 'del', cidr, 'proto', ROUTE_PROTOCOL]);

export class HostGatewayRoutes {
  readonly #nodeName: string;
  readonly #watch: NodeWatch;
  #installed = new Map<string, string>();

  constructor(client: RestClient, nodeName: string, log: (line: string) => void) {
    this.#nodeName = nodeName;
    this.#watch = new NodeWatch(client, (all) => this.#reconcile(all), (l) => log(`routes: ${l}`));
  }

  /** Routes the other nodes' Pods until signal aborts (the routes stay: running Pods keep talking). */
  async start(signal: AbortSignal): Promise<void> {
    await enableForwarding();
    this.#installed = await installedRoutes();
    await this.#watch.run(signal);
  }

  async #reconcile(all: readonly Node[]): Promise<void> {
    await syncTable(this.#installed, desiredRoutes(all, this.#nodeName),
      async (cidr, via) => void await runChecked('ip', ['route', 'replace', cidr, 'via', via, 'proto', ROUTE_PROTOCOL]),
      deleteRoute);
  }
}

// Pod networking across nodes that share no L2 segment, as flannel's vxlan backend: each node has a
// VXLAN device (VNI 1, UDP 8472, no learning) over the interface holding its node IP, and publishes
// the device's MAC in an annotation on its own Node. For every other Node (from a watch) it keeps
// three entries: a route to that node's pod CIDR via its VTEP address (the CIDR's .0, on-link through
// the device), a permanent neighbour entry giving that address the node's VTEP MAC, and a forwarding
// entry sending frames for that MAC to the node's IP. So the kernel never has to learn or ask (no
// ARP, no flooding), and a Node that goes takes its three entries with it.
// The device carries no address of its own: Pods' traffic is forwarded through it, not sent from it.

import type { Node } from '../../api/types.js';
import { nodes } from '../../client/resources.js';
import type { RestClient } from '../../client/rest.js';
import { ipv4String, parseCidr } from '../../runtime/cni/cidr.js';
import { runChecked } from '../../util/host-command.js';
import { deleteRoute, installedRoutes } from './host-gw.js';
import { enableForwarding, NodeWatch, peerNodes, ROUTE_PROTOCOL, syncTable } from './node-watch.js';

export const VXLAN_DEVICE = 'berth.1';
export const VXLAN_VNI = 1;
/** The port flannel uses (Linux's own default, 8472, not IANA's 4789). */
export const VXLAN_PORT = 8472;
/** VXLAN's own headers on IPv4: outer IP 20 + UDP 8 + VXLAN 8 + inner Ethernet 14. */
const VXLAN_OVERHEAD = 50;
/** Where a node publishes its VTEP's MAC, for the others to reach its Pods. */
export const VTEP_MAC_ANNOTATION = 'berth.io/vxlan-vtep-mac';

/** The VTEP address of a pod CIDR: its network address (its .0), as flannel. */
export function vtepAddress(podCIDR: string): string | undefined {
  const net = parseCidr(podCIDR);
  return net ? ipv4String(net.base) : undefined;
}

export interface OverlayTables {
  /** pod CIDR → VTEP address of its node. */
  routes: Map<string, string>;
  /** VTEP address → VTEP MAC. */
  neighbours: Map<string, string>;
  /** VTEP MAC → node IP. */
  fdb: Map<string, string>;
}

/** The entries that reach every other node's Pods through the overlay (nodes with no MAC yet wait). */
export function desiredOverlay(all: readonly Node[], self: string): OverlayTables {
  const t: OverlayTables = { routes: new Map(), neighbours: new Map(), fdb: new Map() };
  for (const p of peerNodes(all, self)) {
    const mac = p.node.metadata.annotations?.[VTEP_MAC_ANNOTATION]?.toLowerCase();
    if (!mac || !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac)) continue;
    for (const cidr of p.podCIDRs) {
      const vtep = vtepAddress(cidr);
      if (!vtep) continue;
      t.routes.set(cidr, vtep);
      t.neighbours.set(vtep, mac);
    }
    t.fdb.set(mac, p.nodeIP);
  }
  return t;
}

const ipJson = async <T>(file: string, args: string[]): Promise<T[]> => JSON.parse((await runChecked(file, args)) || '[]') as T[];

interface LinkInfo { ifname: string; mtu: number; address: string; linkinfo?: { info_kind?: string; info_data?: { id?: number; local?: string; port?: number } } }

/** The VXLAN device over the interface holding nodeIP, made (or remade, if made otherwise) and up; its MAC. */
async function ensureDevice(nodeIP: string): Promise<string> {
  const addrs = await ipJson<{ ifname: string; mtu: number; addr_info?: { local: string }[] }>('ip', ['-j', '-4', 'addr', 'show']);
  const uplink = addrs.find((l) => l.addr_info?.some((a) => a.local === nodeIP));
  if (!uplink) throw new Error(`no interface on this host has the node IP ${nodeIP}`);
  const existing = (await ipJson<LinkInfo>('ip', ['-j', '-d', 'link', 'show']))
    .find((l) => l.ifname === VXLAN_DEVICE);
  const d = existing?.linkinfo?.info_data;
  if (existing && !(existing.linkinfo?.info_kind === 'vxlan' && d?.id === VXLAN_VNI && d.local === nodeIP && d.port === VXLAN_PORT)) {
    await runChecked('ip', ['link', 'del', VXLAN_DEVICE]);
  }
  if (!existing || (await ipJson<LinkInfo>('ip', ['-j', 'link', 'show'])).every((l) => l.ifname !== VXLAN_DEVICE)) {
    await runChecked('ip', ['link', 'add', VXLAN_DEVICE, 'type', 'vxlan', 'id', String(VXLAN_VNI), 'local', nodeIP, 'dev', uplink.ifname, 'dstport', String(VXLAN_PORT), 'nolearning']);
  }
  await runChecked('ip', ['link', 'set', VXLAN_DEVICE, 'mtu', String(uplink.mtu - VXLAN_OVERHEAD), 'up']);
  const [link] = await ipJson<LinkInfo>('ip', ['-j', 'link', 'show', 'dev', VXLAN_DEVICE]);
  return link!.address.toLowerCase();
}

/** The overlay's entries as the kernel has them (those of an earlier run included). */
async function installedOverlay(): Promise<OverlayTables> {
  const neigh = await ipJson<{ dst: string; lladdr?: string }>('ip', ['-j', '-4', 'neigh', 'show', 'dev', VXLAN_DEVICE, 'nud', 'permanent']);
  const fdb = await ipJson<{ mac: string; dst?: string }>('bridge', ['-j', 'fdb', 'show', 'dev', VXLAN_DEVICE]);
  return {
    routes: await installedRoutes(),
    neighbours: new Map(neigh.filter((n) => n.lladdr).map((n) => [n.dst, n.lladdr!.toLowerCase()])),
    fdb: new Map(fdb.filter((f) => f.dst).map((f) => [f.mac.toLowerCase(), f.dst!])),
  };
}

export interface VxlanOverlayOptions {
  /** Reads every Node. */
  watchClient: RestClient;
  /** The node's own identity: writes the VTEP MAC on its own Node. */
  nodeClient: RestClient;
  nodeName: string;
  nodeIP: string;
  log: (line: string) => void;
}

export class VxlanOverlay {
  readonly #o: VxlanOverlayOptions;
  readonly #watch: NodeWatch;
  #mac = '';
  #installed: OverlayTables = { routes: new Map(), neighbours: new Map(), fdb: new Map() };

  constructor(o: VxlanOverlayOptions) {
    this.#o = o;
    this.#watch = new NodeWatch(o.watchClient, (all) => this.#reconcile(all), (l) => o.log(`vxlan: ${l}`));
  }

  /** Keeps the overlay until signal aborts (the device and entries stay: running Pods keep talking). */
  async start(signal: AbortSignal): Promise<void> {
    await enableForwarding();
    this.#mac = await ensureDevice(this.#o.nodeIP);
    this.#installed = await installedOverlay();
    await this.#watch.run(signal);
  }

  async #reconcile(all: readonly Node[]): Promise<void> {
    const self = all.find((n) => n.metadata.name === this.#o.nodeName);
    // Published once the Node exists (the kubelet may register it after this starts), and again if lost.
    if (self && self.metadata.annotations?.[VTEP_MAC_ANNOTATION] !== this.#mac) {
      await this.#o.nodeClient.patch(nodes, undefined, this.#o.nodeName, 'merge', { metadata: { annotations: { [VTEP_MAC_ANNOTATION]: this.#mac } } });
    }
    const want = desiredOverlay(all, this.#o.nodeName);
    const dev = ['dev', VXLAN_DEVICE];
    // Forwarding and neighbour entries before the routes that need them (a gone node's route, last, leads nowhere anyway).
    await syncTable(this.#installed.fdb, want.fdb,
      async (mac, ip) => void await runChecked('bridge', ['fdb', 'replace', mac, ...dev, 'dst', ip, 'self', 'permanent']),
      async (mac, ip) => void await runChecked('bridge', ['fdb', 'del', mac, ...dev, 'dst', ip, 'self']));
    await syncTable(this.#installed.neighbours, want.neighbours,
      async (vtep, mac) => void await runChecked('ip', ['neigh', 'replace', vtep, 'lladdr', mac, ...dev, 'nud', 'permanent']),
      async (vtep) => void await runChecked('ip', ['neigh', 'del', vtep, ...dev]));
    await syncTable(this.#installed.routes, want.routes,
      async (cidr, vtep) => void await runChecked('ip', ['route', 'replace', cidr, 'via', vtep, ...dev, 'onlink', 'proto', ROUTE_PROTOCOL]),
      deleteRoute);
  }
}

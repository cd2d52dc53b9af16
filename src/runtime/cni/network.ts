// Attaches Pod sandboxes to the node's pod network by running the CNI plugin chain, and remembers each
// attachment's result on disk so DEL gets its prevResult even after berth restarts. The conflist in the
// state dir says which bridge and pod CIDR the node uses, so `berth killall` removes exactly those.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { settleAll } from '../../util/settle.js';
import { gatewayOf, overlaps, parseCidr, type Cidr } from './cidr.js';
import { hostCommands, runChecked, type HostCommands } from '../../util/host-command.js';
import { CNI_VERSION, podNetworkConflist, podNetworkOf, type NetworkList } from './conflist.js';
import { invokePlugin, type Attachment, type CniResult } from './plugin.js';

export interface CniNetworkOptions {
  binDir: string;
  podCIDR: string;
  /** The node's own bridge (see host-names.ts): two nodes sharing one would fight over its address. */
  bridge: string;
  stateDir: string;
  /** All nodes' Pods (several nodes routing to each other): traffic to it keeps its Pod source address. */
  clusterCIDR?: string;
  /** Runs the plugins, ip and iptables; the host's own when not given. */
  host?: HostCommands;
}

export interface PortMapping { containerPort: number; hostPort: number; protocol: string; hostIP?: string }

/** What ADD produced, kept for DEL and CHECK. */
interface AttachmentRecord {
  netns: string;
  result: CniResult;
  portMappings: PortMapping[];
}

const POD_IFNAME = 'eth0';
const CONFLIST = '10-berth.conflist';
/** Where the cluster CIDR the masquerade rule spares is kept, so killall removes that very rule. */
const CLUSTER_CIDR_FILE = 'cluster-cidr';

interface HostAddress { ifname: string; addr_info?: { local: string; prefixlen: number }[] }

export class CniNetwork {
  readonly bridge: string;
  readonly #binDir: string;
  readonly #conflist: NetworkList;
  readonly #stateDir: string;
  readonly #resultsDir: string;
  readonly #ipamDir: string;
  readonly #podCIDR: string;
  readonly #cidr: Cidr;
  /** What Pod traffic is not masqueraded to: the cluster CIDR when it holds the pod CIDR, else the pod CIDR. */
  readonly #unmasqueraded: string;
  readonly #host: HostCommands;
  #written?: Promise<void>;

  constructor(opts: CniNetworkOptions) {
    const cidr = parseCidr(opts.podCIDR);
    if (!cidr) throw new Error(`pod CIDR "${opts.podCIDR}" is not an IPv4 CIDR such as 10.88.0.0/16`);
    this.bridge = opts.bridge;
    this.#host = opts.host ?? hostCommands;
    this.#binDir = opts.binDir;
    this.#stateDir = opts.stateDir;
    this.#resultsDir = join(opts.stateDir, 'results');
    this.#ipamDir = join(opts.stateDir, 'ipam');
    this.#podCIDR = opts.podCIDR;
    this.#cidr = cidr;
    const cluster = opts.clusterCIDR === undefined ? null : parseCidr(opts.clusterCIDR);
    if (opts.clusterCIDR !== undefined && !cluster) throw new Error(`cluster CIDR "${opts.clusterCIDR}" is not an IPv4 CIDR such as 10.42.0.0/16`);
    this.#unmasqueraded = cluster && cluster.prefix <= cidr.prefix && overlaps(cluster, cidr) ? opts.clusterCIDR! : opts.podCIDR;
    this.#conflist = podNetworkConflist({ bridge: this.bridge, podCIDR: opts.podCIDR, ipamDir: this.#ipamDir });
  }

  /** The network a node used, as its conflist records it; null when it never attached a Pod. */
  static async load(opts: { binDir: string; stateDir: string; host?: HostCommands }): Promise<CniNetwork | null> {
    const path = join(opts.stateDir, CONFLIST);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return null;
    }
    const net = podNetworkOf(JSON.parse(text) as NetworkList);
    if (!net) throw new Error(`${path} names no bridge and pod CIDR`);
    const clusterCIDR = (await readFile(join(opts.stateDir, CLUSTER_CIDR_FILE), 'utf8').catch(() => '')).trim();
    return new CniNetwork({ ...opts, ...net, ...(clusterCIDR ? { clusterCIDR } : {}) });
  }

  /**
   * Refuses a pod CIDR that an interface on the host already uses (another berth node's bridge, most
   * likely), and a bridge of this node's that holds an address of another CIDR (an earlier --pod-cidr):
   * either would make the bridge plugin fail, or worse, route Pods of two nodes alike. Run at the
   * agent's start and again before the first Pod, since another node may have made its bridge between.
   */
  async checkHost(): Promise<void> {
    const links = JSON.parse((await runChecked('ip', ['-j', '-4', 'addr', 'show'], {}, this.#host)).toString() || '[]') as HostAddress[];
    for (const link of links) {
      for (const a of link.addr_info ?? []) {
        const net = parseCidr(`${a.local}/${a.prefixlen}`);
        if (!net) continue;
        const address = `${a.local}/${a.prefixlen}`;
        if (link.ifname === this.bridge) {
          if (net.prefix >= this.#cidr.prefix && overlaps(net, this.#cidr)) continue;
          throw new Error(`bridge ${this.bridge} has address ${address}, outside the pod CIDR ${this.#podCIDR}: this node ran with another --pod-cidr before; stop its Pods with \`berth killall\` first`);
        }
        if (overlaps(net, this.#cidr)) {
          throw new Error(`pod CIDR ${this.#podCIDR} is already in use on this host: ${link.ifname} has address ${address}${link.ifname.startsWith('berth') ? ' (another berth node\'s bridge)' : ''}; choose another --pod-cidr`);
        }
      }
    }
  }

  /** The Pods' gateway: the bridge's address, the first of the pod CIDR. */
  get gateway(): string {
    return gatewayOf(this.#cidr);
  }

  /**
   * Makes the bridge with its gateway address now, rather than at the first Pod, so the node's own
   * services (cluster DNS, the API server's in-cluster listener) can listen where only the host and its
   * Pods reach; the bridge plugin then finds it as it would have made it. Returns the gateway.
   */
  async ensureBridge(): Promise<string> {
    // The conflist on disk is what tells killall which bridge to remove.
    await this.#writeConfig();
    // Fails when the bridge exists already; any other failure shows in the next command's error.
    await this.#host.run('ip', ['link', 'add', 'name', this.bridge, 'type', 'bridge']);
    await runChecked('ip', ['addr', 'replace', `${this.gateway}/${this.#cidr.prefix}`, 'dev', this.bridge], {}, this.#host);
    await runChecked('ip', ['link', 'set', this.bridge, 'up'], {}, this.#host);
    return this.gateway;
  }

  /** Runs ADD for the sandbox's namespace (its loopback already up: netns.ts) and returns the Pod IP. */
  async attach(sandboxId: string, netns: string, portMappings: PortMapping[] = []): Promise<{ ip: string }> {
    await this.#writeConfig();
    const att = { containerId: sandboxId, netns, ifName: POD_IFNAME };
    const result = await this.#runChain('ADD', att, portMappings);
    if (!result) throw new Error('CNI ADD returned no result');
    const record: AttachmentRecord = { netns, result, portMappings };
    await writeFile(join(this.#resultsDir, sandboxId), JSON.stringify(record));
    const ip = result.ips?.[0]?.address.split('/')[0];
    if (!ip) throw new Error('CNI ADD returned no IP address');
    return { ip };
  }

  /**
   * Runs DEL, releasing the address; safe to call again, or for a sandbox whose ADD failed midway (no
   * record then: netns and portMappings say what ADD was asked for).
   */
  async detach(sandboxId: string, netns = '', portMappings: PortMapping[] = []): Promise<void> {
    const record = await this.#readRecord(sandboxId);
    const att = { containerId: sandboxId, netns: record?.netns ?? netns, ifName: POD_IFNAME };
    await this.#runChain('DEL', att, record?.portMappings ?? portMappings, record?.result);
    await rm(join(this.#resultsDir, sandboxId), { force: true });
  }

  /** Runs CHECK; throws when the attachment is not as ADD left it. */
  async check(sandboxId: string): Promise<void> {
    const record = await this.#readRecord(sandboxId);
    if (!record) throw new Error(`sandbox ${sandboxId} is not attached`);
    await this.#runChain('CHECK', { containerId: sandboxId, netns: record.netns, ifName: POD_IFNAME }, record.portMappings, record.result);
  }

  /**
   * DEL for every attachment on record, then forgets every address: for killall, after which none of
   * the node's Pods remains. ADD that failed midway wrote no record, so the address files go too.
   */
  async detachAll(): Promise<void> {
    const ids = await readdir(this.#resultsDir).catch(() => [] as string[]);
    try {
      await settleAll(ids.map((id) => this.detach(id)), 'CNI DEL');
    } finally {
      await rm(this.#ipamDir, { recursive: true, force: true });
    }
  }

  /** Deletes the bridge and the masquerade rule (after every Pod has been detached); absent ones are fine. */
  async removeBridge(): Promise<void> {
    const rule = this.#masqueradeRule();
    await settleAll([
      (async () => {
        if (await this.#hasMasquerade(rule)) await runChecked('iptables', ['-w', '-t', 'nat', '-D', 'POSTROUTING', ...rule], {}, this.#host);
      })(),
      (async () => {
        if ((await this.#host.run('ip', ['link', 'show', this.bridge])).code === 0) await runChecked('ip', ['link', 'del', this.bridge], {}, this.#host);
      })(),
    ], `removing bridge ${this.bridge}`);
  }

  /** Traffic from the Pods to anywhere but other Pods (of any node) leaves with the node's address. */
  #masqueradeRule(): string[] {
    return ['-s', this.#podCIDR, '!', '-d', this.#unmasqueraded, '-m', 'comment', '--comment', `berth pod network ${this.bridge}`, '-j', 'MASQUERADE'];
  }

  // -w: another node's iptables call may hold the xtables lock at the same moment.
  async #hasMasquerade(rule: string[]): Promise<boolean> {
    return (await this.#host.run('iptables', ['-w', '-t', 'nat', '-C', 'POSTROUTING', ...rule])).code === 0;
  }

  async #ensureMasquerade(): Promise<void> {
    const rule = this.#masqueradeRule();
    if (!(await this.#hasMasquerade(rule))) await runChecked('iptables', ['-w', '-t', 'nat', '-A', 'POSTROUTING', ...rule], {}, this.#host);
  }

  /** Executes the plugin chain: ADD in order feeding each result forward, DEL/CHECK in reverse with ADD's result. */
  async #runChain(command: 'ADD' | 'DEL' | 'CHECK', att: Attachment, portMappings: PortMapping[], cached?: CniResult): Promise<CniResult | undefined> {
    // portmap has nothing to do without hostPorts; skipping it saves a process per Pod.
    const plugins = this.#conflist.plugins.filter((p) => p.type !== 'portmap' || portMappings.length > 0);
    if (command !== 'ADD') plugins.reverse();
    let prevResult = cached;
    for (const plugin of plugins) {
      const config: Record<string, unknown> = { ...plugin, name: this.#conflist.name, cniVersion: CNI_VERSION };
      if (prevResult) config.prevResult = prevResult;
      if (plugin.type === 'portmap') config.runtimeConfig = { portMappings: portMappings.map(toCniPortMapping) };
      const result = await invokePlugin(this.#host, this.#binDir, command, att, config);
      if (command === 'ADD' && result) prevResult = result;
    }
    return prevResult;
  }

  async #readRecord(sandboxId: string): Promise<AttachmentRecord | null> {
    try {
      return JSON.parse(await readFile(join(this.#resultsDir, sandboxId), 'utf8')) as AttachmentRecord;
    } catch {
      return null;
    }
  }

  #writeConfig(): Promise<void> {
    if (!this.#written) {
      const written = (async () => {
        await this.checkHost();
        await mkdir(this.#resultsDir, { recursive: true });
        await writeFile(join(this.#stateDir, CONFLIST), JSON.stringify(this.#conflist, null, 2));
        if (this.#unmasqueraded !== this.#podCIDR) await writeFile(join(this.#stateDir, CLUSTER_CIDR_FILE), `${this.#unmasqueraded}\n`);
        else await rm(join(this.#stateDir, CLUSTER_CIDR_FILE), { force: true });
        await this.#ensureMasquerade();
      })();
      // A failure is retried at the next Pod: the conflict may have been resolved meanwhile.
      written.catch(() => { this.#written = undefined; });
      this.#written = written;
    }
    return this.#written;
  }
}

function toCniPortMapping(p: PortMapping): Record<string, unknown> {
  const m: Record<string, unknown> = { hostPort: p.hostPort, containerPort: p.containerPort, protocol: p.protocol.toLowerCase() };
  if (p.hostIP) m.hostIP = p.hostIP;
  return m;
}

// Attaches Pod sandboxes to the node's pod network by running the CNI plugin chain, and remembers each
// attachment's result on disk so DEL gets its prevResult even after berth restarts.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked, runCommand } from './command.js';
import { CNI_VERSION, loopbackConfig, podNetworkConflist, type NetworkList } from './conflist.js';
import { invokePlugin, type Attachment, type CniResult } from './plugin.js';

export interface CniNetworkOptions {
  /** Where the conflist is written for people and tools to read; defaults to stateDir. */
  confDir?: string;
  binDir: string;
  podCIDR: string;
  bridge?: string;
  stateDir: string;
}

export interface PortMapping { containerPort: number; hostPort: number; protocol: string; hostIP?: string }

/** What ADD produced, kept for DEL and CHECK. */
interface AttachmentRecord {
  netns: string;
  result: CniResult;
  portMappings: PortMapping[];
}

const POD_IFNAME = 'eth0';

export class CniNetwork {
  readonly bridge: string;
  readonly #binDir: string;
  readonly #conflist: NetworkList;
  readonly #confDir: string;
  readonly #resultsDir: string;
  readonly #podCIDR: string;
  #written?: Promise<void>;

  constructor(opts: CniNetworkOptions) {
    this.bridge = opts.bridge ?? 'berth0';
    this.#binDir = opts.binDir;
    this.#confDir = opts.confDir ?? opts.stateDir;
    this.#resultsDir = join(opts.stateDir, 'results');
    this.#podCIDR = opts.podCIDR;
    this.#conflist = podNetworkConflist({ bridge: this.bridge, podCIDR: opts.podCIDR, ipamDir: join(opts.stateDir, 'ipam') });
  }

  /** Runs ADD for the sandbox's namespace and returns the Pod IP. */
  async attach(sandboxId: string, netns: string, portMappings: PortMapping[] = []): Promise<{ ip: string }> {
    await this.#writeConfig();
    const att = { containerId: sandboxId, netns, ifName: POD_IFNAME };
    const [, result] = await Promise.all([
      invokePlugin(this.#binDir, 'ADD', { ...att, ifName: 'lo' }, loopbackConfig),
      this.#runChain('ADD', att, portMappings),
    ]);
    if (!result) throw new Error('CNI ADD returned no result');
    const record: AttachmentRecord = { netns, result, portMappings };
    await writeFile(join(this.#resultsDir, sandboxId), JSON.stringify(record));
    const ip = result.ips?.[0]?.address.split('/')[0];
    if (!ip) throw new Error('CNI ADD returned no IP address');
    return { ip };
  }

  /** Runs DEL, releasing the address; safe to call again or for a sandbox never attached. */
  async detach(sandboxId: string, netns = ''): Promise<void> {
    const record = await this.#readRecord(sandboxId);
    const att = { containerId: sandboxId, netns: record?.netns ?? netns, ifName: POD_IFNAME };
    await this.#runChain('DEL', att, record?.portMappings ?? [], record?.result);
    await rm(join(this.#resultsDir, sandboxId), { force: true });
  }

  /** Runs CHECK; throws when the attachment is not as ADD left it. */
  async check(sandboxId: string): Promise<void> {
    const record = await this.#readRecord(sandboxId);
    if (!record) throw new Error(`sandbox ${sandboxId} is not attached`);
    await this.#runChain('CHECK', { containerId: sandboxId, netns: record.netns, ifName: POD_IFNAME }, record.portMappings, record.result);
  }

  /** Deletes the bridge and the masquerade rule (after every Pod has been detached). */
  async removeBridge(): Promise<void> {
    await runCommand('iptables', ['-t', 'nat', '-D', 'POSTROUTING', ...this.#masqueradeRule()]);
    await runCommand('ip', ['link', 'del', this.bridge]);
  }

  /** Traffic from the Pods to anywhere but other Pods leaves with the node's address. */
  #masqueradeRule(): string[] {
    return ['-s', this.#podCIDR, '!', '-d', this.#podCIDR, '-m', 'comment', '--comment', `berth pod network ${this.bridge}`, '-j', 'MASQUERADE'];
  }

  async #ensureMasquerade(): Promise<void> {
    const rule = this.#masqueradeRule();
    const present = (await runCommand('iptables', ['-t', 'nat', '-C', 'POSTROUTING', ...rule])).code === 0;
    if (!present) await runChecked('iptables', ['-t', 'nat', '-A', 'POSTROUTING', ...rule]);
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
      const result = await invokePlugin(this.#binDir, command, att, config);
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
    this.#written ??= (async () => {
      await mkdir(this.#resultsDir, { recursive: true });
      await mkdir(this.#confDir, { recursive: true });
      await writeFile(join(this.#confDir, '10-berth.conflist'), JSON.stringify(this.#conflist, null, 2));
      await this.#ensureMasquerade();
    })();
    return this.#written;
  }
}

function toCniPortMapping(p: PortMapping): Record<string, unknown> {
  const m: Record<string, unknown> = { hostPort: p.hostPort, containerPort: p.containerPort, protocol: p.protocol.toLowerCase() };
  if (p.hostIP) m.hostIP = p.hostIP;
  return m;
}

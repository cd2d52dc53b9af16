// Attaches Pod sandboxes to the node's pod network by running the CNI plugin chain, and remembers each
// attachment's result on disk so DEL gets its prevResult even after berth restarts. The conflist in the
// state dir says which bridge and pod CIDR the node uses, so `berth killall` removes exactly those.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { settleAll } from '../../util/settle.js';
import { gatewayOf, overlaps, parseCidr } from './cidr.js';
import { runChecked, runCommand } from './command.js';
import { CNI_VERSION, loopbackConfig, podNetworkConflist, podNetworkOf } from './conflist.js';
import { invokePlugin } from './plugin.js';
const POD_IFNAME = 'eth0';
const CONFLIST = '10-berth.conflist';
/** Where the cluster CIDR the masquerade rule spares is kept, so killall removes that very rule. */
const CLUSTER_CIDR_FILE = 'cluster-cidr';
export class CniNetwork {
    bridge;
    #binDir;
    #conflist;
    #stateDir;
    #resultsDir;
    #ipamDir;
    #podCIDR;
    #cidr;
    /** What Pod traffic is not masqueraded to: the cluster CIDR when it holds the pod CIDR, else the pod CIDR. */
    #unmasqueraded;
    #written;
    constructor(opts) {
        const cidr = parseCidr(opts.podCIDR);
        if (!cidr)
            throw new Error(`pod CIDR "${opts.podCIDR}" is not an IPv4 CIDR such as 10.88.0.0/16`);
        this.bridge = opts.bridge;
        this.#binDir = opts.binDir;
        this.#stateDir = opts.stateDir;
        this.#resultsDir = join(opts.stateDir, 'results');
        this.#ipamDir = join(opts.stateDir, 'ipam');
        this.#podCIDR = opts.podCIDR;
        this.#cidr = cidr;
        const cluster = opts.clusterCIDR === undefined ? null : parseCidr(opts.clusterCIDR);
        if (opts.clusterCIDR !== undefined && !cluster)
            throw new Error(`cluster CIDR "${opts.clusterCIDR}" is not an IPv4 CIDR such as 10.42.0.0/16`);
        this.#unmasqueraded = cluster && cluster.prefix <= cidr.prefix && overlaps(cluster, cidr) ? opts.clusterCIDR : opts.podCIDR;
        this.#conflist = podNetworkConflist({ bridge: this.bridge, podCIDR: opts.podCIDR, ipamDir: this.#ipamDir });
    }
    /** The network a node used, as its conflist records it; null when it never attached a Pod. */
    static async load(opts) {
        const path = join(opts.stateDir, CONFLIST);
        let text;
        try {
            text = await readFile(path, 'utf8');
        }
        catch {
            return null;
        }
        const net = podNetworkOf(JSON.parse(text));
        if (!net)
            throw new Error(`${path} names no bridge and pod CIDR`);
        const clusterCIDR = (await readFile(join(opts.stateDir, CLUSTER_CIDR_FILE), 'utf8').catch(() => '')).trim();
        return new CniNetwork({ ...opts, ...net, ...(clusterCIDR ? { clusterCIDR } : {}) });
    }
    /**
     * Refuses a pod CIDR that an interface on the host already uses (another berth node's bridge, most
     * likely), and a bridge of this node's that holds an address of another CIDR (an earlier --pod-cidr):
     * either would make the bridge plugin fail, or worse, route Pods of two nodes alike. Run at the
     * agent's start and again before the first Pod, since another node may have made its bridge between.
     */
    async checkHost() {
        const links = JSON.parse((await runChecked('ip', ['-j', '-4', 'addr', 'show'])).toString() || '[]');
        for (const link of links) {
            for (const a of link.addr_info ?? []) {
                const net = parseCidr(`${a.local}/${a.prefixlen}`);
                if (!net)
                    continue;
                const address = `${a.local}/${a.prefixlen}`;
                if (link.ifname === this.bridge) {
                    if (net.prefix >= this.#cidr.prefix && overlaps(net, this.#cidr))
                        continue;
                    throw new Error(`bridge ${this.bridge} has address ${address}, outside the pod CIDR ${this.#podCIDR}: this node ran with another --pod-cidr before; stop its Pods with \`berth killall\` first`);
                }
                if (overlaps(net, this.#cidr)) {
                    throw new Error(`pod CIDR ${this.#podCIDR} is already in use on this host: ${link.ifname} has address ${address}${link.ifname.startsWith('berth') ? ' (another berth node\'s bridge)' : ''}; choose another --pod-cidr`);
                }
            }
        }
    }
    /** The Pods' gateway: the bridge's address, the first of the pod CIDR. */
    get gateway() {
        return gatewayOf(this.#cidr);
    }
    /**
     * Makes the bridge with its gateway address now, rather than at the first Pod, so the node's own
     * services (cluster DNS, the API server's in-cluster listener) can listen where only the host and its
     * Pods reach; the bridge plugin then finds it as it would have made it. Returns the gateway.
     */
    async ensureBridge() {
        // The conflist on disk is what tells killall which bridge to remove.
        await this.#writeConfig();
        // Fails when the bridge exists already; any other failure shows in the next command's error.
        await runCommand('ip', ['link', 'add', 'name', this.bridge, 'type', 'bridge']);
        await runChecked('ip', ['addr', 'replace', `${this.gateway}/${this.#cidr.prefix}`, 'dev', this.bridge]);
        await runChecked('ip', ['link', 'set', this.bridge, 'up']);
        return this.gateway;
    }
    /** Runs ADD for the sandbox's namespace and returns the Pod IP. */
    async attach(sandboxId, netns, portMappings = []) {
        await this.#writeConfig();
        const att = { containerId: sandboxId, netns, ifName: POD_IFNAME };
        const [, result] = await Promise.all([
            invokePlugin(this.#binDir, 'ADD', { ...att, ifName: 'lo' }, loopbackConfig),
            this.#runChain('ADD', att, portMappings),
        ]);
        if (!result)
            throw new Error('CNI ADD returned no result');
        const record = { netns, result, portMappings };
        await writeFile(join(this.#resultsDir, sandboxId), JSON.stringify(record));
        const ip = result.ips?.[0]?.address.split('/')[0];
        if (!ip)
            throw new Error('CNI ADD returned no IP address');
        return { ip };
    }
    /**
     * Runs DEL, releasing the address; safe to call again, or for a sandbox whose ADD failed midway (no
     * record then: netns and portMappings say what ADD was asked for).
     */
    async detach(sandboxId, netns = '', portMappings = []) {
        const record = await this.#readRecord(sandboxId);
        const att = { containerId: sandboxId, netns: record?.netns ?? netns, ifName: POD_IFNAME };
        await this.#runChain('DEL', att, record?.portMappings ?? portMappings, record?.result);
        await rm(join(this.#resultsDir, sandboxId), { force: true });
    }
    /** Runs CHECK; throws when the attachment is not as ADD left it. */
    async check(sandboxId) {
        const record = await this.#readRecord(sandboxId);
        if (!record)
            throw new Error(`sandbox ${sandboxId} is not attached`);
        await this.#runChain('CHECK', { containerId: sandboxId, netns: record.netns, ifName: POD_IFNAME }, record.portMappings, record.result);
    }
    /**
     * DEL for every attachment on record, then forgets every address: for killall, after which none of
     * the node's Pods remains. ADD that failed midway wrote no record, so the address files go too.
     */
    async detachAll() {
        const ids = await readdir(this.#resultsDir).catch(() => []);
        try {
            await settleAll(ids.map((id) => this.detach(id)), 'CNI DEL');
        }
        finally {
            await rm(this.#ipamDir, { recursive: true, force: true });
        }
    }
    /** Deletes the bridge and the masquerade rule (after every Pod has been detached); absent ones are fine. */
    async removeBridge() {
        const rule = this.#masqueradeRule();
        await settleAll([
            (async () => {
                if (await this.#hasMasquerade(rule))
                    await runChecked('iptables', ['-w', '-t', 'nat', '-D', 'POSTROUTING', ...rule]);
            })(),
            (async () => {
                if ((await runCommand('ip', ['link', 'show', this.bridge])).code === 0)
                    await runChecked('ip', ['link', 'del', this.bridge]);
            })(),
        ], `removing bridge ${this.bridge}`);
    }
    /** Traffic from the Pods to anywhere but other Pods (of any node) leaves with the node's address. */
    #masqueradeRule() {
        return ['-s', this.#podCIDR, '!', '-d', this.#unmasqueraded, '-m', 'comment', '--comment', `berth pod network ${this.bridge}`, '-j', 'MASQUERADE'];
    }
    // -w: another node's iptables call may hold the xtables lock at the same moment.
    async #hasMasquerade(rule) {
        return (await runCommand('iptables', ['-w', '-t', 'nat', '-C', 'POSTROUTING', ...rule])).code === 0;
    }
    async #ensureMasquerade() {
        const rule = this.#masqueradeRule();
        if (!(await this.#hasMasquerade(rule)))
            await runChecked('iptables', ['-w', '-t', 'nat', '-A', 'POSTROUTING', ...rule]);
    }
    /** Executes the plugin chain: ADD in order feeding each result forward, DEL/CHECK in reverse with ADD's result. */
    async #runChain(command, att, portMappings, cached) {
        // portmap has nothing to do without hostPorts; skipping it saves a process per Pod.
        const plugins = this.#conflist.plugins.filter((p) => p.type !== 'portmap' || portMappings.length > 0);
        if (command !== 'ADD')
            plugins.reverse();
        let prevResult = cached;
        for (const plugin of plugins) {
            const config = { ...plugin, name: this.#conflist.name, cniVersion: CNI_VERSION };
            if (prevResult)
                config.prevResult = prevResult;
            if (plugin.type === 'portmap')
                config.runtimeConfig = { portMappings: portMappings.map(toCniPortMapping) };
            const result = await invokePlugin(this.#binDir, command, att, config);
            if (command === 'ADD' && result)
                prevResult = result;
        }
        return prevResult;
    }
    async #readRecord(sandboxId) {
        try {
            return JSON.parse(await readFile(join(this.#resultsDir, sandboxId), 'utf8'));
        }
        catch {
            return null;
        }
    }
    #writeConfig() {
        if (!this.#written) {
            const written = (async () => {
                await this.checkHost();
                await mkdir(this.#resultsDir, { recursive: true });
                await writeFile(join(this.#stateDir, CONFLIST), JSON.stringify(this.#conflist, null, 2));
                if (this.#unmasqueraded !== this.#podCIDR)
                    await writeFile(join(this.#stateDir, CLUSTER_CIDR_FILE), `${this.#unmasqueraded}\n`);
                else
                    await rm(join(this.#stateDir, CLUSTER_CIDR_FILE), { force: true });
                await this.#ensureMasquerade();
            })();
            // A failure is retried at the next Pod: the conflict may have been resolved meanwhile.
            written.catch(() => { this.#written = undefined; });
            this.#written = written;
        }
        return this.#written;
    }
}
function toCniPortMapping(p) {
    const m = { hostPort: p.hostPort, containerPort: p.containerPort, protocol: p.protocol.toLowerCase() };
    if (p.hostIP)
        m.hostIP = p.hostIP;
    return m;
}
//# sourceMappingURL=network.js.map
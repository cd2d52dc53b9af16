// The node's Service rules as an nftables program, in the shape of kube-proxy's nftables mode: verdict
// maps from ClusterIP/port and NodePort to a chain per Service port, which picks an endpoint with
// `numgen random`. Pure: the proxier runs what this writes. Where kube-proxy gives every endpoint a
// chain, a Service port here DNATs through one anonymous map (index → address . port), which halves
// what `nft` and the kernel do for a thousand endpoints; only ClientIP affinity, which must remember
// the endpoint a client got, keeps a chain and an affinity set per endpoint.
//
// Masquerading: traffic to a ClusterIP from outside the pod CIDR (the node itself, other hosts) and
// all NodePort traffic under externalTrafficPolicy Cluster are marked, and the mark is masqueraded on
// the way out, so replies come back through this node's conntrack; so is a Pod reaching itself through
// its Service (hairpin), recognised after DNAT by source and destination being one endpoint address.
// A Service with no endpoints is refused (REJECT) at once, not dropped.
import { createHash } from 'node:crypto';
/** kube-proxy's masquerade bit, so traffic marked by either is treated alike. */
const MASQ_MARK = '0x00004000';
const BASE_CHAINS = [
    ['nat-prerouting', 'type nat hook prerouting priority dstnat; policy accept;', ['jump services']],
    ['nat-output', 'type nat hook output priority -100; policy accept;', ['jump services']],
    ['nat-postrouting', 'type nat hook postrouting priority srcnat; policy accept;', ['jump masquerading']],
    // Refusals happen in the filter hooks, before the NAT and filter chains of others see a new connection.
    ['filter-forward', 'type filter hook forward priority -110; policy accept;', ['ct state new jump service-endpoints-check']],
    ['filter-output', 'type filter hook output priority -110; policy accept;', ['ct state new jump service-endpoints-check']],
    ['filter-input', 'type filter hook input priority -110; policy accept;', ['ct state new jump nodeport-endpoints-check']],
];
/** A chain or set name that is unique (the hash) and readable (the Service port and endpoint). */
function objectName(prefix, key) {
    return `${prefix}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}-${key}`;
}
const endpointKey = (sp, e) => `${sp.name}__${e.ip}/${e.port}`;
export function clusterChainName(sp) {
    return objectName('service', sp.name);
}
/** The rules that send a connection to one of `endpoints` at random (under ClientIP affinity, to the client's earlier one). */
function pickEndpoint(sp, endpoints) {
    const mod = `numgen random mod ${endpoints.length}`;
    if (sp.affinitySeconds === undefined) {
        return [`meta l4proto ${sp.protocol} dnat ip to ${mod} map { ${endpoints.map((e, i) => `${i} : ${e.ip} . ${e.port}`).join(', ')} }`];
    }
    const lines = endpoints.map((e) => `ip saddr @${objectName('affinity', endpointKey(sp, e))} goto ${objectName('endpoint', endpointKey(sp, e))}`);
    lines.push(`${mod} vmap { ${endpoints.map((e, i) => `${i} : goto ${objectName('endpoint', endpointKey(sp, e))}`).join(', ')} }`);
    return lines;
}
/** The whole table for these Service ports on this node. */
export function buildRuleset(ports, node) {
    const chains = new Map();
    const sets = new Map();
    for (const [name, hook, rules] of BASE_CHAINS)
        chains.set(name, [hook, ...rules]);
    chains.set('mark-for-masquerade', [`meta mark set meta mark | ${MASQ_MARK}`]);
    chains.set('masquerading', ['ip saddr . ip daddr @hairpin jump mark-for-masquerade', `meta mark & ${MASQ_MARK} == 0 return`, `meta mark set meta mark ^ ${MASQ_MARK}`, 'masquerade fully-random']);
    chains.set('reject-chain', ['reject']);
    chains.set('drop-chain', ['drop']);
    chains.set('services', ['ip daddr . meta l4proto . th dport vmap @service-ips', 'ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports']);
    chains.set('service-endpoints-check', ['ip daddr . meta l4proto . th dport vmap @no-endpoint-services']);
    chains.set('nodeport-endpoints-check', ['ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports']);
    const serviceIPs = [];
    const nodePorts = [];
    const noEndpointServices = [];
    const noEndpointNodePorts = [];
    const hairpin = new Set();
    for (const sp of ports) {
        const cluster = clusterChainName(sp);
        const { protocol: proto } = sp;
        // Without endpoints for a destination, its connections are refused when the Service has none at
        // all, and dropped when a Local traffic policy excludes the endpoints it has elsewhere.
        const missing = sp.hasEndpoints ? 'goto drop-chain' : 'goto reject-chain';
        const endpoints = new Map();
        for (const e of [...sp.clusterEndpoints, ...(sp.localEndpoints ?? [])])
            endpoints.set(endpointKey(sp, e), e);
        for (const [key, e] of endpoints) {
            hairpin.add(`${e.ip} . ${e.ip}`);
            if (sp.affinitySeconds === undefined)
                continue;
            const set = objectName('affinity', key);
            sets.set(set, { kind: 'set', spec: `type ipv4_addr; flags dynamic,timeout; timeout ${sp.affinitySeconds}s;` });
            chains.set(objectName('endpoint', key), [`update @${set} { ip saddr }`, `meta l4proto ${proto} dnat ip to ${e.ip}:${e.port}`]);
        }
        if (sp.clusterEndpoints.length > 0) {
            chains.set(cluster, [`ip daddr ${sp.clusterIP} ${proto} dport ${sp.port} ip saddr != ${node.podCIDR} jump mark-for-masquerade`, ...pickEndpoint(sp, sp.clusterEndpoints)]);
            serviceIPs.push(`${sp.clusterIP} . ${proto} . ${sp.port} : goto ${cluster}`);
        }
        else {
            noEndpointServices.push(`${sp.clusterIP} . ${proto} . ${sp.port} : ${missing}`);
        }
        if (sp.nodePort === undefined && sp.externalIPs.length === 0)
            continue;
        // Traffic from outside: NodePorts and external IPs.
        const external = objectName('external', sp.name);
        let target = null;
        if (sp.localEndpoints === null) {
            if (sp.clusterEndpoints.length > 0) {
                chains.set(external, ['jump mark-for-masquerade', `goto ${cluster}`]);
                target = external;
            }
        }
        else {
            // externalTrafficPolicy Local keeps the client's address and serves from this node's endpoints;
            // the node's own Pods and the node itself still reach the Service as through its ClusterIP.
            const rules = sp.clusterEndpoints.length === 0 ? [] : [`ip saddr ${node.podCIDR} goto ${cluster}`, 'fib saddr type local jump mark-for-masquerade', `fib saddr type local goto ${cluster}`];
            if (sp.localEndpoints.length > 0) {
                const local = objectName('local', sp.name);
                chains.set(local, pickEndpoint(sp, sp.localEndpoints));
                rules.push(`goto ${local}`);
            }
            else
                rules.push('goto drop-chain');
            if (sp.hasEndpoints) {
                chains.set(external, rules);
                target = external;
            }
        }
        for (const ip of sp.externalIPs) {
            if (target)
                serviceIPs.push(`${ip} . ${proto} . ${sp.port} : goto ${target}`);
            else
                noEndpointServices.push(`${ip} . ${proto} . ${sp.port} : ${missing}`);
        }
        if (sp.nodePort !== undefined) {
            if (target)
                nodePorts.push(`${proto} . ${sp.nodePort} : goto ${target}`);
            else
                noEndpointNodePorts.push(`${proto} . ${sp.nodePort} : ${missing}`);
        }
    }
    const byAddressPort = 'type ipv4_addr . inet_proto . inet_service : verdict;';
    const byPort = 'type inet_proto . inet_service : verdict;';
    sets.set('service-ips', { kind: 'map', spec: byAddressPort, elements: serviceIPs });
    sets.set('service-nodeports', { kind: 'map', spec: byPort, elements: nodePorts });
    sets.set('no-endpoint-services', { kind: 'map', spec: byAddressPort, elements: noEndpointServices });
    sets.set('no-endpoint-nodeports', { kind: 'map', spec: byPort, elements: noEndpointNodePorts });
    sets.set('nodeport-ips', { kind: 'set', spec: 'type ipv4_addr;', elements: [...new Set(node.nodeIPs)].sort() });
    sets.set('hairpin', { kind: 'set', spec: 'type ipv4_addr . ipv4_addr;', elements: [...hairpin] });
    return { chains, sets };
}
/**
 * The `nft -f` program that makes table `ip <table>` hold `next`, in one transaction. Without `prev`
 * (the first sync, or after a failure) the table is deleted and made anew. With it, the table's rules
 * and static sets are flushed and re-added, chains and sets no longer wanted are deleted, and affinity
 * sets still wanted keep the clients they remember.
 */
export function transaction(table, next, prev) {
    const t = `ip ${table}`;
    const out = [`add table ${t}`];
    if (!prev)
        out.push(`delete table ${t}`, `add table ${t}`);
    else {
        out.push(`flush table ${t}`);
        for (const [name, set] of prev.sets) {
            const wanted = next.sets.get(name);
            if (!wanted || wanted.spec !== set.spec || wanted.kind !== set.kind)
                out.push(`delete ${set.kind} ${t} ${name}`);
            else if (set.elements)
                out.push(`flush ${set.kind} ${t} ${name}`);
        }
    }
    for (const [name, [first]] of next.chains)
        out.push(first.startsWith('type ') ? `add chain ${t} ${name} { ${first} }` : `add chain ${t} ${name}`);
    for (const [name, set] of next.sets) {
        out.push(`add ${set.kind} ${t} ${name} { ${set.spec} }`);
        if (set.elements && set.elements.length > 0)
            out.push(`add element ${t} ${name} { ${set.elements.join(', ')} }`);
    }
    for (const [name, lines] of next.chains) {
        for (const rule of lines)
            if (!rule.startsWith('type '))
                out.push(`add rule ${t} ${name} ${rule}`);
    }
    if (prev)
        for (const name of prev.chains.keys())
            if (!next.chains.has(name))
                out.push(`delete chain ${t} ${name}`);
    return `${out.join('\n')}\n`;
}
//# sourceMappingURL=ruleset.js.map
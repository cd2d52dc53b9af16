// The nftables program for one node's NetworkPolicies, rendered from model.ts's rules as one `nft -f`
// script that replaces the node's table in a single transaction (so no packet ever sees half a
// ruleset, and whatever an earlier run left is gone).
//
// Pods on one node talk across the Linux bridge; with br_netfilter (bridge-nf-call-iptables=1) those
// bridged packets pass the inet forward hook as routed ones do. The forward and input hooks come after
// prerouting's dstnat, so a connection to a Service is judged on the Pod IP it was translated to, as
// upstream. Replies of allowed connections pass (ct state established,related). Packets the node itself
// sends (probes, the API server's relays) pass the output hook, which has no chain here: as upstream, a
// Pod cannot block its own node. A Pod's traffic to the node itself (input) is egress like any other.
function set(items) {
    return items.length === 1 ? items[0] : `{ ${items.join(', ')} }`;
}
function peerMatch(peer, field) {
    if ('any' in peer)
        return '';
    if ('ips' in peer)
        return `ip ${field} ${set(peer.ips)} `;
    const family = peer.family === 4 ? 'ip' : 'ip6';
    const except = peer.except.length ? `${family} ${field} != ${set(peer.except)} ` : '';
    return `${family} ${field} ${peer.cidr} ${except}`;
}
function portMatch(p) {
    const proto = `meta l4proto ${p.protocol.toLowerCase()} `;
    return p.ports ? `${proto}th dport ${set(p.ports)} ` : proto;
}
/** nft comments hold 128 bytes; names are DNS subdomains, so quoting is safe. */
function comment(policy) {
    return `comment "${policy.slice(0, 127)}"`;
}
function allowLines(a, field) {
    const ports = a.ports ?? [undefined];
    return a.peers.flatMap((peer) => ports.map((p) => `${peerMatch(peer, field)}${p ? portMatch(p) : ''}return ${comment(a.policy)}`));
}
export function chainName(direction, ip) {
    return `${direction}_${ip.replace(/[.:]/g, '_')}`;
}
function podChain(direction, pod, allows) {
    const field = direction === 'ingress' ? 'saddr' : 'daddr';
    return [
        `  chain ${chainName(direction, pod.ip)} {`,
        ...allows.flatMap((a) => allowLines(a, field)).map((l) => `    ${l}`),
        `    drop comment "${direction} of ${pod.pod} not allowed by any policy"`,
        '  }',
    ];
}
function dispatch(pods, direction) {
    const isolated = pods.filter((p) => p[direction]);
    if (!isolated.length)
        return [];
    const field = direction === 'ingress' ? 'daddr' : 'saddr';
    return [`    ip ${field} vmap { ${isolated.map((p) => `${p.ip} : jump ${chainName(direction, p.ip)}`).join(', ')} }`];
}
/**
 * The script for a table: created empty (so the delete cannot fail), deleted, and, when some Pod is
 * isolated, made again with its chains. No isolated Pod → no table, and no hook on any packet.
 */
export function renderRuleset(table, pods) {
    const lines = [`table inet ${table} {}`, `delete table inet ${table}`];
    if (!pods.length)
        return `${lines.join('\n')}\n`;
    lines.push(`table inet ${table} {`, '  chain forward {', '    type filter hook forward priority filter; policy accept;', '    ct state established,related accept', ...dispatch(pods, 'ingress'), ...dispatch(pods, 'egress'), '  }', '  chain input {', '    type filter hook input priority filter; policy accept;', '    ct state established,related accept', ...dispatch(pods, 'egress'), '  }', ...pods.flatMap((p) => [...(p.ingress ? podChain('ingress', p, p.ingress) : []), ...(p.egress ? podChain('egress', p, p.egress) : [])]), '}');
    return `${lines.join('\n')}\n`;
}
//# sourceMappingURL=ruleset.js.map
// What NetworkPolicies mean for the Pods of one node, worked out from the policies, every Pod's IP and
// labels, and the namespaces' labels: for each local Pod and direction, whether a policy isolates it
// and, if so, the union of what its policies allow. Pure: the enforcer feeds it informer caches and
// ruleset.ts renders the result for nftables.
//
// As upstream: a Pod is isolated for a direction once any policy of its namespace selects it with that
// policy type; peers are Pods (by podSelector in the policy's namespace, by namespaceSelector, or both),
// or ipBlocks less their excepts; a named port is resolved on the destination Pod (the local Pod for
// ingress, each peer Pod for egress), and matches nothing on a Pod without it.
import { cidrHas, formatCidr, parseCidr } from '../../api/cidr.js';
import { fromLabelSelectorObject, matchLabels } from '../../api/selectors/labels.js';
/** A Pod on the pod network that holds its IP: host-network and finished Pods are not policed or matched. */
function onPodNetwork(p) {
    return !!p.status?.podIP && !p.spec?.hostNetwork && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed';
}
function selects(sel, labels) {
    try {
        return matchLabels(fromLabelSelectorObject(sel), labels);
    }
    catch {
        return false; // the API refuses bad selectors; one stored before that must not stop the others
    }
}
const key = (o) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
/** The named port's numbers on a Pod, for a protocol. */
function namedPort(pod, name, protocol) {
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    return containers.flatMap((c) => (c.ports ?? []).filter((p) => p.name === name && (p.protocol ?? 'TCP') === protocol).map((p) => p.containerPort));
}
function numericPorts(ports) {
    const byProtocol = new Map();
    for (const p of ports) {
        const protocol = p.protocol ?? 'TCP';
        if (typeof p.port === 'string')
            continue;
        if (p.port === undefined)
            byProtocol.set(protocol, undefined);
        else if (!byProtocol.has(protocol) || byProtocol.get(protocol)) {
            const range = p.endPort !== undefined && p.endPort > p.port ? `${p.port}-${p.endPort}` : String(p.port);
            byProtocol.set(protocol, [...(byProtocol.get(protocol) ?? []), range]);
        }
    }
    return [...byProtocol].map(([protocol, list]) => (list ? { protocol, ports: list } : { protocol }));
}
class Resolver {
    #pods;
    #nsLabels = new Map();
    constructor(view) {
        this.#pods = view.pods.filter(onPodNetwork).sort((a, b) => key(a).localeCompare(key(b)));
        for (const ns of view.namespaces)
            this.#nsLabels.set(ns.metadata.name ?? '', ns.metadata.labels ?? {});
    }
    get pods() {
        return this.#pods;
    }
    /** The Pods a selector peer names, seen from a policy in namespace ns. */
    podsOf(peer, ns) {
        return this.#pods.filter((p) => {
            const podNs = p.metadata.namespace ?? '';
            const nsOk = peer.namespaceSelector ? podNs !== '' && this.#nsLabels.has(podNs) && selects(peer.namespaceSelector, this.#nsLabels.get(podNs)) : podNs === ns;
            return nsOk && (!peer.podSelector || selects(peer.podSelector, p.metadata.labels));
        });
    }
}
function parseBlock(peer) {
    const cidr = parseCidr(peer.ipBlock?.cidr ?? '');
    if (!cidr)
        return null;
    return { cidr, except: (peer.ipBlock?.except ?? []).map(parseCidr).filter((c) => c !== null) };
}
function inBlock(b, ip) {
    return cidrHas(b.cidr, ip) && !b.except.some((e) => cidrHas(e, ip));
}
/** A rule's peers as matches: Pod IPs merged into one set, each ipBlock apart; none given = anyone. */
function peersOf(peers, ns, r) {
    if (!peers?.length)
        return [{ any: true }];
    const ips = new Set();
    const out = [];
    for (const peer of peers) {
        if (peer.ipBlock) {
            const b = parseBlock(peer);
            if (b)
                out.push({ cidr: formatCidr(b.cidr), family: b.cidr.family, except: b.except.map(formatCidr) });
        }
        else {
            for (const p of r.podsOf(peer, ns))
                ips.add(p.status.podIP);
        }
    }
    if (ips.size)
        out.unshift({ ips: [...ips].sort() });
    return out;
}
/** The Pods a rule's peers could be, for resolving a named port on each (egress). */
function candidatePods(peers, ns, r) {
    if (!peers?.length)
        return [...r.pods];
    const found = new Map();
    for (const peer of peers) {
        if (peer.ipBlock) {
            const b = parseBlock(peer);
            if (b)
                for (const p of r.pods)
                    if (inBlock(b, p.status.podIP))
                        found.set(key(p), p);
        }
        else {
            for (const p of r.podsOf(peer, ns))
                found.set(key(p), p);
        }
    }
    return [...found.values()];
}
function ingressAllows(policy, target, r) {
    const ns = policy.metadata.namespace ?? '';
    return (policy.spec.ingress ?? []).flatMap((rule) => {
        const peers = peersOf(rule.from, ns, r);
        if (!peers.length)
            return [];
        if (!rule.ports?.length)
            return [{ peers, policy: key(policy) }];
        // Named ports become the target's own numbers.
        const resolved = rule.ports.flatMap((p) => (typeof p.port === 'string' ? namedPort(target, p.port, p.protocol ?? 'TCP').map((n) => ({ protocol: p.protocol, port: n })) : [p]));
        const ports = numericPorts(resolved);
        return ports.length ? [{ peers, ports, policy: key(policy) }] : [];
    });
}
function egressAllows(policy, r) {
    const ns = policy.metadata.namespace ?? '';
    return (policy.spec.egress ?? []).flatMap((rule) => {
        if (!rule.ports?.length) {
            const peers = peersOf(rule.to, ns, r);
            return peers.length ? [{ peers, policy: key(policy) }] : [];
        }
        const out = [];
        const numeric = numericPorts(rule.ports);
        if (numeric.length) {
            const peers = peersOf(rule.to, ns, r);
            if (peers.length)
                out.push({ peers, ports: numeric, policy: key(policy) });
        }
        // A named port means a number per destination Pod: group the Pods by what it resolves to.
        const named = rule.ports.filter((p) => typeof p.port === 'string');
        if (named.length) {
            const byPort = new Map();
            for (const pod of candidatePods(rule.to, ns, r)) {
                for (const p of named) {
                    const protocol = p.protocol ?? 'TCP';
                    for (const n of namedPort(pod, p.port, protocol)) {
                        const k = `${protocol}/${n}`;
                        if (!byPort.has(k))
                            byPort.set(k, { protocol, port: n, ips: new Set() });
                        byPort.get(k).ips.add(pod.status.podIP);
                    }
                }
            }
            for (const { protocol, port, ips } of [...byPort.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol))) {
                out.push({ peers: [{ ips: [...ips].sort() }], ports: [{ protocol, ports: [String(port)] }], policy: key(policy) });
            }
        }
        return out;
    });
}
function hasType(policy, type) {
    const types = policy.spec?.policyTypes;
    // Stored policies carry their defaulted types; the fallback is the same inference.
    if (!types?.length)
        return type === 'Ingress' || !!policy.spec?.egress?.length;
    return types.includes(type);
}
/** The rules of every Pod of the node that some policy isolates, ordered by IP. */
export function nodeRules(view) {
    if (!view.policies.length)
        return [];
    const r = new Resolver(view);
    const policies = [...view.policies].filter((p) => p.spec).sort((a, b) => key(a).localeCompare(key(b)));
    const out = [];
    for (const pod of r.pods) {
        if (pod.spec?.nodeName !== view.nodeName)
            continue;
        const mine = policies.filter((p) => p.metadata.namespace === pod.metadata.namespace && selects(p.spec.podSelector ?? {}, pod.metadata.labels));
        const ingress = mine.filter((p) => hasType(p, 'Ingress'));
        const egress = mine.filter((p) => hasType(p, 'Egress'));
        if (!ingress.length && !egress.length)
            continue;
        out.push({
            ip: pod.status.podIP,
            pod: key(pod),
            ...(ingress.length ? { ingress: ingress.flatMap((p) => ingressAllows(p, pod, r)) } : {}),
            ...(egress.length ? { egress: egress.flatMap((p) => egressAllows(p, r)) } : {}),
        });
    }
    return out.sort((a, b) => compareIPs(a.ip, b.ip));
}
function compareIPs(a, b) {
    return a.localeCompare(b, undefined, { numeric: true });
}
//# sourceMappingURL=model.js.map
// What the proxy programs, before any nftables syntax: one entry per port of each Service that gets
// rules, with the endpoints its traffic may reach, chosen from the Service's EndpointSlices as
// kube-proxy chooses them (ready endpoints; serving-but-terminating ones only when none is ready;
// the node's own endpoints alone where a traffic policy is Local).
/** upstream's ClientIP affinity default: three hours. */
const DEFAULT_AFFINITY_SECONDS = 10800;
/** The Service's name, as EndpointSlices label themselves. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** Whether the proxy gives the Service any rules: not headless, not ExternalName, with a ClusterIP. */
export function isProxied(svc) {
    const ip = svc.spec.clusterIP;
    return svc.spec.type !== 'ExternalName' && !!ip && ip !== 'None' && !ip.includes(':');
}
function endpointState(e) {
    // Unset conditions read as upstream reads them: ready unless false, serving as ready, not terminating.
    const ready = e.conditions?.ready ?? true;
    const serving = e.conditions?.serving ?? ready;
    const terminating = e.conditions?.terminating ?? false;
    return { ready: ready && !terminating, servingTerminating: serving && terminating };
}
function candidates(port, protocol, slices, nodeName) {
    const seen = new Map();
    for (const slice of slices) {
        if (slice.addressType !== 'IPv4')
            continue;
        const sp = slice.ports?.find((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP').toLowerCase() === protocol);
        if (!sp || !Number.isInteger(sp.port))
            continue;
        for (const e of slice.endpoints ?? []) {
            const ip = e.addresses?.[0];
            if (!ip || !/^\d{1,3}(\.\d{1,3}){3}$/.test(ip))
                continue;
            const key = `${ip}:${sp.port}`;
            // The same endpoint in two slices (a slice being replaced) counts once, ready if either says so.
            const state = endpointState(e);
            const prev = seen.get(key);
            seen.set(key, {
                ip,
                port: sp.port,
                ready: state.ready || !!prev?.ready,
                servingTerminating: state.servingTerminating || !!prev?.servingTerminating,
                local: e.nodeName === nodeName || !!prev?.local,
            });
        }
    }
    return [...seen.values()];
}
/** The ready endpoints or, when none is ready, the serving ones that are terminating. */
function usable(cands) {
    const ready = cands.filter((c) => c.ready);
    const chosen = ready.length > 0 ? ready : cands.filter((c) => c.servingTerminating);
    return chosen.map(({ ip, port }) => ({ ip, port })).sort(byAddress);
}
function byAddress(a, b) {
    return a.ip === b.ip ? a.port - b.port : ipNumber(a.ip) - ipNumber(b.ip);
}
function ipNumber(ip) {
    return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}
/** Every port of every proxied Service, with its endpoints, in a stable order. */
export function servicePorts(services, slices, nodeName) {
    const slicesOf = new Map();
    for (const s of slices) {
        const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
        if (!svc)
            continue;
        const key = `${s.metadata.namespace}/${svc}`;
        let list = slicesOf.get(key);
        if (!list)
            slicesOf.set(key, (list = []));
        list.push(s);
    }
    const out = [];
    for (const svc of services) {
        if (!isProxied(svc))
            continue;
        const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
        const nodePorts = svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer';
        for (const port of svc.spec.ports ?? []) {
            const protocol = (port.protocol ?? 'TCP').toLowerCase();
            const cands = candidates(port, protocol, slicesOf.get(key) ?? [], nodeName);
            const all = usable(cands);
            const local = usable(cands.filter((c) => c.local));
            out.push({
                name: `${key}/${protocol}/${port.name ?? ''}`,
                clusterIP: svc.spec.clusterIP,
                externalIPs: [...(svc.spec.externalIPs ?? [])].sort(),
                port: port.port,
                protocol,
                nodePort: nodePorts && port.nodePort ? port.nodePort : undefined,
                affinitySeconds: svc.spec.sessionAffinity === 'ClientIP' ? (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS) : undefined,
                clusterEndpoints: svc.spec.internalTrafficPolicy === 'Local' ? local : all,
                localEndpoints: svc.spec.externalTrafficPolicy === 'Local' ? local : null,
                hasEndpoints: all.length > 0,
            });
        }
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
//# sourceMappingURL=servicePorts.js.map
// What both endpoint controllers read from a Service and its Pods: which Pods back it, each Pod's
// readiness, and the ports it serves on (a named targetPort resolved per Pod, as its containers name
// it). The EndpointSlice and Endpoints controllers only lay this out differently.
import { isIPv4 } from 'node:net';
import { isReady } from './podstate.js';
/** Whether a Service gets endpoints kept by the controllers: it has a selector and is not an alias. */
export function hasManagedEndpoints(svc) {
    return !!svc.spec?.selector && svc.spec.type !== 'ExternalName';
}
export function selects(svc, pod) {
    const sel = svc.spec?.selector;
    if (!sel || pod.metadata.namespace !== svc.metadata.namespace)
        return false;
    return Object.entries(sel).every(([k, v]) => pod.metadata.labels?.[k] === v);
}
/** The container port a named targetPort stands for in this Pod, if any container names it. */
function resolvePort(pod, target, protocol) {
    if (typeof target === 'number')
        return target;
    for (const c of pod.spec.containers ?? []) {
        for (const p of c.ports ?? [])
            if (p.name === target && (p.protocol ?? 'TCP') === protocol)
                return p.containerPort;
    }
    return undefined;
}
function podPorts(svc, pod) {
    const out = [];
    for (const sp of svc.spec.ports ?? []) {
        const protocol = sp.protocol ?? 'TCP';
        const port = resolvePort(pod, sp.targetPort ?? sp.port, protocol);
        if (port === undefined)
            continue;
        // Named as the Service port ('' when it has none): the slices carry the name even when empty, as upstream's do.
        out.push({ name: sp.name ?? '', port, protocol, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    return out;
}
/**
 * The Pods that back svc, by name: those it selects that have an IPv4 address and have not finished.
 * Terminating Pods are kept (the slices say so); the Endpoints controller drops them itself.
 */
export function podEndpoints(svc, pods) {
    const out = [];
    for (const pod of pods) {
        if (!selects(svc, pod))
            continue;
        const ip = pod.status?.podIP;
        if (!ip || !isIPv4(ip))
            continue;
        if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
            continue;
        const terminating = !!pod.metadata.deletionTimestamp;
        const serving = isReady(pod);
        const named = pod.spec.hostname && pod.spec.subdomain === svc.metadata.name;
        out.push({
            pod, ip, serving, terminating,
            ready: serving && !terminating,
            ...(named ? { hostname: pod.spec.hostname } : {}),
            ports: podPorts(svc, pod),
        });
    }
    return out.sort((a, b) => (a.pod.metadata.name < b.pod.metadata.name ? -1 : a.pod.metadata.name > b.pod.metadata.name ? 1 : 0));
}
/** A key equal for two port lists that are the same set: endpoints are grouped by it. */
export function portsKey(ports) {
    return ports.map((p) => `${p.name ?? ''}/${p.port}/${p.protocol}`).sort().join(',');
}
/** Groups endpoints whose Pods serve the same ports, in first-seen order. */
export function byPorts(eps) {
    const groups = new Map();
    for (const e of eps) {
        const k = portsKey(e.ports);
        let g = groups.get(k);
        if (!g)
            groups.set(k, (g = []));
        g.push(e);
    }
    return [...groups.values()];
}
export function podRef(pod) {
    return { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
}
//# sourceMappingURL=serviceendpoints.js.map
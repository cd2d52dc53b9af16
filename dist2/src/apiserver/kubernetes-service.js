// The `kubernetes` Service in `default` and its endpoints, as kube-apiserver keeps them: a ClusterIP
// Service on the first address of the Service range, port 443 named https, whose Endpoints and
// EndpointSlice point at the API server itself. It has no selector, so the endpoint controllers leave
// it alone; the API server writes it, at start and every 10 s after (a deleted one comes back). With
// several API servers on one store, the endpoints list each live one (ApiServerLeases).
import { networkInterfaces } from 'node:os';
import { deepEqual } from '../api/patch/json-patch.js';
import { findKind } from '../api/schema/resources.js';
import { ApiError } from '../api/errors.js';
import { SYSTEM_CONTEXT } from './registry/index.js';
import { apiServiceIP } from './registry/service-allocator.js';
const NAME = 'kubernetes';
const NAMESPACE = 'default';
const RECONCILE_MS = 10_000;
/**
 * The address the API server is reached at from elsewhere: its bind address, or for 0.0.0.0 the
 * host's first non-loopback IPv4 address.
 */
export function apiServerAddress(bind) {
    if (bind !== '0.0.0.0')
        return bind;
    for (const list of Object.values(networkInterfaces())) {
        for (const a of list ?? [])
            if (a.family === 'IPv4' && !a.internal)
                return a.address;
    }
    return '127.0.0.1';
}
function service(cidr, ep) {
    return {
        apiVersion: 'v1', kind: 'Service',
        metadata: { name: NAME, namespace: NAMESPACE, labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { type: 'ClusterIP', clusterIP: apiServiceIP(cidr), ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: ep.port }], sessionAffinity: 'None' },
    };
}
function endpoints(ep) {
    return {
        apiVersion: 'v1', kind: 'Endpoints',
        metadata: { name: NAME, namespace: NAMESPACE, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
        subsets: [{ addresses: ep.addresses.map((ip) => ({ ip })), ports: [{ name: 'https', port: ep.port, protocol: 'TCP' }] }],
    };
}
function endpointSlice(ep) {
    return {
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
        metadata: { name: NAME, namespace: NAMESPACE, labels: { 'kubernetes.io/service-name': NAME } },
        addressType: 'IPv4',
        endpoints: ep.addresses.map((a) => ({ addresses: [a], conditions: { ready: true } })),
        ports: [{ name: 'https', port: ep.port, protocol: 'TCP' }],
    };
}
/** Creates want, or brings the fields `owned` names back to want's values. */
async function ensure(storage, want, owned, set) {
    const current = storage.getEntry(NAMESPACE, want.metadata.name)?.obj;
    if (!current) {
        await storage.create(NAMESPACE, structuredClone(want), SYSTEM_CONTEXT).catch((e) => {
            if (!(e instanceof ApiError && e.code === 'AlreadyExists'))
                throw e;
        });
        return;
    }
    if (deepEqual(owned(current), owned(want)))
        return;
    await storage.modify(NAMESPACE, want.metadata.name, SYSTEM_CONTEXT, (o) => {
        set(o, want);
        return o;
    });
}
export async function reconcileKubernetesService(registry, ep) {
    const svc = service(registry.serviceAllocator.cidr, ep);
    await ensure(registry.core('services'), svc, (o) => o.spec.ports, (o, w) => {
        o.spec.ports = w.spec.ports;
    });
    await ensure(registry.core('endpoints'), endpoints(ep), (o) => o.subsets, (o, w) => {
        o.subsets = w.subsets;
    });
    const slices = registry.storage(findKind('discovery.k8s.io/v1', 'EndpointSlice'));
    await ensure(slices, endpointSlice(ep), (o) => [o.endpoints, o.ports], (o, w) => {
        o.endpoints = w.endpoints;
        o.ports = w.ports;
    });
}
/**
 * The servers the endpoints list: with peers (several API servers on one store), every live one serving
 * on the port of the first by address (every server works this out alike, so none undoes another's
 * write; servers behind the Service are meant to share one port); else this one.
 */
async function backends(self, peers) {
    if (!peers)
        return { addresses: [self.address], port: self.port };
    await peers.renew();
    const live = await peers.live();
    const port = live[0]?.port ?? self.port;
    const addresses = [...new Set(live.filter((e) => e.port === port).map((e) => e.address))];
    return { addresses: addresses.length ? addresses : [self.address], port };
}
/** Keeps the `kubernetes` Service and its endpoints until signal aborts. */
export function keepKubernetesService(registry, ep, signal, onError, peers) {
    const run = () => backends(ep, peers).then((b) => reconcileKubernetesService(registry, b)).catch(onError);
    void run();
    const timer = setInterval(run, peers ? RECONCILE_MS / 2 : RECONCILE_MS);
    timer.unref();
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
//# sourceMappingURL=kubernetes-service.js.map
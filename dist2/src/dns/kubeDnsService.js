// The kube-dns Service in kube-system, as clusters publish their DNS: ClusterIP the tenth address of the
// Service range, ports 53/UDP (dns) and 53/TCP (dns-tcp). berth's DNS runs in each node's process, not in
// Pods, so the Service selects none; its EndpointSlice names this node's DNS address instead. Kept by the
// server like the kubernetes Service: applied at start and every 10 s after, so a deleted one comes back.
import { endpointSlices, services } from '../client/resources.js';
import { SERVICE_NAME_LABEL } from '../client/shared.js';
const NAME = 'kube-dns';
const NAMESPACE = 'kube-system';
const FIELD_MANAGER = 'berth-dns';
const RECONCILE_MS = 10_000;
const PORTS = [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }];
export async function applyKubeDnsService(client, o) {
    const svc = {
        apiVersion: 'v1', kind: 'Service',
        metadata: { name: NAME, namespace: NAMESPACE, labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'berth-dns' } },
        spec: { type: 'ClusterIP', clusterIP: o.clusterIP, ports: PORTS.map((p) => ({ ...p, targetPort: p.port })) },
    };
    const slice = {
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
        metadata: { name: NAME, namespace: NAMESPACE, labels: { [SERVICE_NAME_LABEL]: NAME, 'endpointslice.kubernetes.io/managed-by': FIELD_MANAGER } },
        addressType: 'IPv4',
        endpoints: [{ addresses: [o.address], conditions: { ready: true }, nodeName: o.nodeName }],
        ports: PORTS,
    };
    await client.patch(services, NAMESPACE, NAME, 'apply', svc, { fieldManager: FIELD_MANAGER, force: true });
    await client.patch(endpointSlices, NAMESPACE, NAME, 'apply', slice, { fieldManager: FIELD_MANAGER, force: true });
}
export function keepKubeDnsService(client, o, signal, onError) {
    const run = () => applyKubeDnsService(client, o).catch(onError);
    void run();
    const timer = setInterval(run, RECONCILE_MS);
    timer.unref();
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
//# sourceMappingURL=kubeDnsService.js.map
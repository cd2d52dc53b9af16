// The rows of `kubectl get services|endpoints|endpointslices`, with upstream's columns and cell
// formats: ports as `80/TCP` (`80:30080/TCP` with a node port), at most three endpoints then
// `+ N more...`, and `<none>` / `<pending>` / `<unset>` where upstream prints them.
import { isIPv6 } from 'node:net';
import { ageColumn, column, core, doc, nameColumn } from './columns.js';
import { since } from './duration.js';
const SHOWN = 3;
const discovery = (type) => `io.k8s.api.discovery.v1.${type}`;
function listWithMore(list, count, empty) {
    const text = list.join(',');
    if (count > SHOWN)
        return `${text} + ${count - SHOWN} more...`;
    return text || empty;
}
function externalIP(svc) {
    const s = svc.spec ?? {};
    const external = s.externalIPs ?? [];
    switch (s.type) {
        case 'ClusterIP':
        case 'NodePort':
            return external.length ? external.join(',') : '<none>';
        case 'LoadBalancer': {
            const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean);
            const all = [...lb, ...external];
            return all.length ? all.join(',') : '<pending>';
        }
        case 'ExternalName':
            return s.externalName ?? '';
        default:
            return '<unknown>';
    }
}
export function servicePorts(svc) {
    return (svc.spec?.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
}
export function serviceColumns() {
    const spec = core('ServiceSpec');
    return [
        nameColumn(),
        column('Type', doc(spec, 'type')),
        column('Cluster-IP', doc(spec, 'clusterIP')),
        column('External-IP', doc(spec, 'externalIPs')),
        column('Port(s)', doc(spec, 'ports')),
        ageColumn(),
        column('Selector', doc(spec, 'selector'), { priority: 1 }),
    ];
}
export function serviceCells(o, now) {
    const svc = o;
    const selector = Object.entries(svc.spec?.selector ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join(',');
    return [o.metadata.name, svc.spec?.type ?? '', svc.spec?.clusterIPs?.[0] ?? '<none>', externalIP(svc), servicePorts(svc) || '<none>', since(o.metadata.creationTimestamp, now), selector || '<none>'];
}
export function endpointsColumns() {
    return [nameColumn(), column('Endpoints', doc(core('Endpoints'), 'subsets')), ageColumn()];
}
const hostPort = (ip, port) => (isIPv6(ip) ? `[${ip}]:${port}` : `${ip}:${port}`);
function formatEndpoints(ep) {
    const subsets = ep.subsets ?? [];
    if (!subsets.length)
        return '<none>';
    const list = [];
    let count = 0;
    for (const ss of subsets) {
        const addresses = ss.addresses ?? [];
        // A headless Service may have no ports: its addresses alone.
        const each = ss.ports?.length ? ss.ports.flatMap((p) => addresses.map((a) => hostPort(a.ip, p.port))) : addresses.map((a) => a.ip);
        count += each.length;
        list.push(...each.slice(0, Math.max(0, SHOWN - list.length)));
    }
    return listWithMore(list, count, '');
}
export function endpointsCells(o, now) {
    return [o.metadata.name, formatEndpoints(o), since(o.metadata.creationTimestamp, now)];
}
export function endpointSliceColumns() {
    const slice = discovery('EndpointSlice');
    return [nameColumn(), column('AddressType', doc(slice, 'addressType')), column('Ports', doc(slice, 'ports')), column('Endpoints', doc(slice, 'endpoints')), ageColumn()];
}
export function endpointSliceCells(o, now) {
    const slice = o;
    const ports = (slice.ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name ?? '*'));
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [o.metadata.name, slice.addressType ?? '', listWithMore(ports.slice(0, SHOWN), ports.length, '<unset>'), listWithMore(addresses.slice(0, SHOWN), addresses.length, '<unset>'), since(o.metadata.creationTimestamp, now)];
}
//# sourceMappingURL=service.js.map
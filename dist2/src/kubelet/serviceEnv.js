// The Service environment variables every container gets, as the kubelet's getServiceEnvVarMap and
// envvars.FromServices make them: for each Service with a cluster IP in the Pod's namespace (unless
// enableServiceLinks is false) and for the `kubernetes` Service of `default` (always),
// NAME_SERVICE_HOST, NAME_SERVICE_PORT, NAME_SERVICE_PORT_<PORTNAME> and Docker's link variables
// NAME_PORT, NAME_PORT_<port>_<PROTO>[_PROTO|_PORT|_ADDR].
import { isIPv6 } from 'node:net';
/** The Services of `default` every Pod sees, whatever its enableServiceLinks. */
const MASTER_SERVICES = new Set(['kubernetes']);
const varName = (s) => s.replace(/-/g, '_').toUpperCase();
const hasClusterIP = (svc) => !!svc.spec?.clusterIP && svc.spec.clusterIP !== 'None';
function linkVariables(svc, prefix, out) {
    const ip = svc.spec.clusterIP;
    (svc.spec.ports ?? []).forEach((p, i) => {
        const proto = (p.protocol ?? 'TCP').toLowerCase();
        const url = `${proto}://${isIPv6(ip) ? `[${ip}]` : ip}:${p.port}`;
        // Docker special-cases the first port.
        if (i === 0)
            out.set(`${prefix}_PORT`, url);
        const portPrefix = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
        out.set(portPrefix, url);
        out.set(`${portPrefix}_PROTO`, proto);
        out.set(`${portPrefix}_PORT`, String(p.port));
        out.set(`${portPrefix}_ADDR`, ip);
    });
}
function addService(svc, out) {
    const ports = svc.spec.ports ?? [];
    if (!ports.length)
        return;
    const prefix = varName(svc.metadata.name);
    out.set(`${prefix}_SERVICE_HOST`, svc.spec.clusterIP);
    out.set(`${prefix}_SERVICE_PORT`, String(ports[0].port));
    for (const p of ports)
        if (p.name)
            out.set(`${prefix}_SERVICE_PORT_${varName(p.name)}`, String(p.port));
    linkVariables(svc, prefix, out);
}
export function serviceEnv(services, namespace, enableServiceLinks) {
    const chosen = new Map();
    for (const svc of services) {
        if (!hasClusterIP(svc))
            continue;
        const name = svc.metadata.name;
        if (svc.metadata.namespace === 'default' && MASTER_SERVICES.has(name)) {
            if (!chosen.has(name))
                chosen.set(name, svc);
        }
        else if (svc.metadata.namespace === namespace && enableServiceLinks) {
            // A Service of the Pod's own namespace wins over a master Service of the same name.
            chosen.set(name, svc);
        }
    }
    const out = new Map();
    for (const svc of chosen.values())
        addService(svc, out);
    return out;
}
//# sourceMappingURL=serviceEnv.js.map
// The cluster's DNS zone (cluster.local): the answer to one question, computed from the cluster as the
// caches see it, as CoreDNS's kubernetes plugin answers with its defaults (TTL 5 s, pods verified):
//   SVC.NS.svc.ZONE                  A/AAAA: the ClusterIPs, or one per ready endpoint when headless;
//                                    CNAME for an ExternalName Service; SRV: one per port
//   _PORT._PROTO.SVC.NS.svc.ZONE     SRV for a named port (per endpoint when headless)
//   HOST.SVC.NS.svc.ZONE             A/AAAA of the endpoint with that hostname (a Pod's hostname when its
//                                    subdomain names the Service) or that dashed address
//   A-B-C-D.NS.pod.ZONE              A of a Pod in NS with that address
// A name that exists without records of the asked type is NODATA (NOERROR, no answers), a name that does
// not exist is NXDOMAIN; both carry the zone's SOA so resolvers cache the negative answer for 5 s.
export const DNS_TTL = 5;
const NX = null;
export class ClusterZone {
    domain;
    #view;
    #nameserver;
    /** nameserver: the address this server answers on, given for `ns.dns.ZONE`. */
    constructor(domain, view, nameserver) {
        this.domain = domain.toLowerCase().replace(/\.$/, '');
        this.#view = view;
        this.#nameserver = nameserver;
    }
    /** Whether the zone answers for the name (rather than the upstream resolvers). */
    contains(name) {
        const n = name.toLowerCase().replace(/\.$/, '');
        return n === this.domain || n.endsWith(`.${this.domain}`);
    }
    /** type: the question's type as dns-packet names it (A, SRV, ANY, …). */
    answer(name, type) {
        const found = this.#find(name.toLowerCase().replace(/\.$/, ''), name);
        const soa = [this.soa()];
        if (!found)
            return { rcode: 'NXDOMAIN', answers: [], authorities: soa, additionals: [] };
        const cname = found.records.find((r) => r.type === 'CNAME');
        // A CNAME stands for every type at its name but itself.
        const ofType = (r) => type === 'ANY' || r.type === type;
        const answers = cname && type !== 'CNAME' ? [cname, ...(found.chased ?? []).filter(ofType)] : found.records.filter(ofType);
        const out = { rcode: 'NOERROR', answers, authorities: answers.length === 0 ? soa : [], additionals: [] };
        if (type === 'SRV' || type === 'ANY')
            out.additionals = found.additionals ?? [];
        if (cname && (type === 'A' || type === 'AAAA') && found.external)
            out.external = found.external;
        return out;
    }
    /** Changes whenever the cluster does: answers given before may no longer hold. */
    serial() {
        return this.#view.serial();
    }
    soa() {
        return {
            type: 'SOA', name: this.domain, ttl: DNS_TTL,
            data: { mname: `ns.dns.${this.domain}`, rname: `hostmaster.${this.domain}`, serial: this.#view.serial(), refresh: 7200, retry: 1800, expire: 86400, minimum: DNS_TTL },
        };
    }
    /** The records at a name (lower case, no trailing dot); null when it does not exist. asked: the name as asked, for owner names. */
    #find(n, asked) {
        if (n === this.domain) {
            return { records: [{ ...this.soa(), name: asked }, { type: 'NS', name: asked, ttl: DNS_TTL, data: `ns.dns.${this.domain}` }] };
        }
        const labels = n.slice(0, -(this.domain.length + 1)).split('.');
        const kind = labels.pop();
        if (kind === 'dns')
            return this.#findNameserver(labels, asked);
        if (kind === 'pod')
            return this.#findPod(labels, asked);
        if (kind === 'svc')
            return this.#findService(labels, asked);
        return NX;
    }
    #findNameserver(labels, asked) {
        if (labels.length === 0)
            return { records: [] };
        if (labels.length !== 1 || labels[0] !== 'ns' || !this.#nameserver)
            return NX;
        return { records: [addressRecord(asked, this.#nameserver)] };
    }
    /** A-B-C-D.NS.pod: answered only for an address a Pod of NS has ("pods verified"). */
    #findPod(labels, asked) {
        if (labels.length === 0)
            return { records: [] };
        if (labels.length !== 2)
            return NX;
        const [dashed, ns] = labels;
        const ip = undashed(dashed);
        if (!ip || !this.#view.podsWithIP(ip).some((p) => p.metadata.namespace === ns))
            return NX;
        return { records: [addressRecord(asked, ip)] };
    }
    #findService(labels, asked) {
        if (labels.length === 0)
            return { records: [] };
        const ns = labels[labels.length - 1];
        if (labels.length === 1)
            return this.#view.namespaceHasServices(ns) ? { records: [] } : NX;
        const svc = this.#view.service(ns, labels[labels.length - 2]);
        if (!svc)
            return NX;
        if (labels.length === 2)
            return this.#serviceRecords(svc, asked);
        if (labels.length === 3) {
            const first = labels[0];
            // _PROTO.SVC: a name on the way to the SRV records, with none of its own.
            if (first.startsWith('_'))
                return (svc.spec.ports ?? []).some((p) => `_${protocolOf(p).toLowerCase()}` === first) ? { records: [] } : NX;
            const hits = this.#endpoints(svc).filter((e) => e.host === first);
            return hits.length > 0 ? { records: hits.map((e) => addressRecord(asked, e.ip)) } : NX;
        }
        if (labels.length === 4)
            return this.#srvForPort(svc, labels[0], labels[1], asked);
        return NX;
    }
    #serviceFqdn(svc) {
        return `${svc.metadata.name}.${svc.metadata.namespace}.svc.${this.domain}`;
    }
    #serviceRecords(svc, asked) {
        if (svc.spec.type === 'ExternalName') {
            const target = (svc.spec.externalName ?? '').toLowerCase().replace(/\.$/, '');
            if (!target)
                return { records: [] };
            const records = [{ type: 'CNAME', name: asked, ttl: DNS_TTL, data: target }];
            // A target inside the zone is followed here; one outside is for the caller to resolve upstream.
            if (!this.contains(target))
                return { records, external: target };
            const inner = this.#find(target, target);
            return { records, chased: inner?.records.filter((r) => r.type === 'A' || r.type === 'AAAA') ?? [] };
        }
        if (isHeadless(svc)) {
            const eps = this.#endpoints(svc);
            const records = uniqueBy(eps, (e) => e.ip).map((e) => addressRecord(asked, e.ip));
            const srv = this.#headlessSrv(svc, eps, () => true, asked);
            return { records: [...records, ...srv.records], additionals: srv.additionals };
        }
        const fqdn = this.#serviceFqdn(svc);
        const ips = clusterIPsOf(svc);
        const ports = svc.spec.ports ?? [];
        const srv = ports.map((p) => srvRecord(asked, p.port, fqdn, ports.length));
        return { records: [...ips.map((ip) => addressRecord(asked, ip)), ...srv], additionals: srv.length > 0 ? ips.map((ip) => addressRecord(fqdn, ip)) : [] };
    }
    /** _PORT._PROTO.SVC: the named port of that protocol, on the ClusterIP or on every endpoint. */
    #srvForPort(svc, portLabel, protoLabel, asked) {
        if (!portLabel.startsWith('_') || !protoLabel.startsWith('_'))
            return NX;
        const name = portLabel.slice(1);
        const proto = protoLabel.slice(1).toUpperCase();
        const port = (svc.spec.ports ?? []).find((p) => p.name?.toLowerCase() === name && protocolOf(p) === proto);
        if (!port || svc.spec.type === 'ExternalName')
            return NX;
        if (isHeadless(svc)) {
            const found = this.#headlessSrv(svc, this.#endpoints(svc), (p) => p.name?.toLowerCase() === name && protocolOf(p) === proto, asked);
            return found.records.length > 0 ? found : { records: [] };
        }
        const fqdn = this.#serviceFqdn(svc);
        const ips = clusterIPsOf(svc);
        return { records: [srvRecord(asked, port.port, fqdn, 1)], additionals: ips.map((ip) => addressRecord(fqdn, ip)) };
    }
    /** SRV records naming each endpoint (HOST.SVC.NS.svc.ZONE) with the ports that match, and their addresses. */
    #headlessSrv(svc, eps, matches, asked) {
        const fqdn = this.#serviceFqdn(svc);
        const pairs = eps.flatMap((e) => e.ports.filter(matches).map((p) => ({ target: `${e.host}.${fqdn}`, port: p.port, ip: e.ip })));
        const unique = uniqueBy(pairs, (p) => `${p.target}:${p.port}`);
        return {
            records: unique.map((p) => srvRecord(asked, p.port, p.target, unique.length)),
            additionals: uniqueBy(unique, (p) => p.target).map((p) => addressRecord(p.target, p.ip)),
        };
    }
    /** The Service's endpoints that DNS publishes: ready ones, or all with publishNotReadyAddresses. */
    #endpoints(svc) {
        const ns = svc.metadata.namespace ?? '';
        const out = [];
        for (const slice of this.#view.endpointSlices(ns, svc.metadata.name ?? '')) {
            if (slice.addressType === 'FQDN')
                continue;
            for (const ep of slice.endpoints ?? []) {
                // An unset ready condition means ready, as the EndpointSlice API defines it.
                if (ep.conditions?.ready === false && !svc.spec.publishNotReadyAddresses)
                    continue;
                const host = this.#hostnameOf(ep, svc);
                for (const ip of ep.addresses ?? [])
                    out.push({ ip, host: host ?? dashed(ip), ports: slice.ports ?? [] });
            }
        }
        return out;
    }
    /** The endpoint's hostname, or its Pod's spec.hostname when the Pod's subdomain is this Service. */
    #hostnameOf(ep, svc) {
        if (ep.hostname)
            return ep.hostname.toLowerCase();
        const ref = ep.targetRef;
        if (ref?.kind !== 'Pod' || !ref.name)
            return undefined;
        const pod = this.#view.pod(ref.namespace ?? svc.metadata.namespace ?? '', ref.name);
        return pod?.spec.hostname && pod.spec.subdomain === svc.metadata.name ? pod.spec.hostname.toLowerCase() : undefined;
    }
}
function isHeadless(svc) {
    return svc.spec.clusterIP === 'None';
}
function clusterIPsOf(svc) {
    const ips = svc.spec.clusterIPs?.length ? svc.spec.clusterIPs : svc.spec.clusterIP ? [svc.spec.clusterIP] : [];
    return ips.filter((ip) => ip !== 'None' && ip !== '');
}
function protocolOf(p) {
    return p.protocol ?? 'TCP';
}
function addressRecord(name, ip) {
    return { type: ip.includes(':') ? 'AAAA' : 'A', name, ttl: DNS_TTL, data: ip };
}
/** Weights share 100 among the records, as CoreDNS does, so clients spread evenly. */
function srvRecord(name, port, target, count) {
    return { type: 'SRV', name, ttl: DNS_TTL, data: { priority: 0, weight: Math.max(1, Math.floor(100 / count)), port, target } };
}
/** 10.88.0.5 → 10-88-0-5; fd00::5 → fd00--5. */
export function dashed(ip) {
    return ip.replace(/[.:]/g, '-');
}
/** The inverse of dashed, for a label that is an IPv4 address or IPv6 with dashes; undefined for any other. */
function undashed(label) {
    const v4 = label.split('-');
    if (v4.length === 4 && v4.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255))
        return v4.map(Number).join('.');
    const isV6 = /^[0-9a-f-]+$/.test(label) && (label.includes('--') || v4.length === 8);
    return isV6 ? label.replace(/-/g, ':') : undefined;
}
function uniqueBy(xs, key) {
    const seen = new Set();
    return xs.filter((x) => !seen.has(key(x)) && (seen.add(key(x)), true));
}
//# sourceMappingURL=zone.js.map
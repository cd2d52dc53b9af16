// Which cluster IPs and node ports are taken, and handing out free ones. Kept as an index over the
// Service watch cache: what stored Services hold is taken, so a restart relists and knows it again,
// and a deleted Service frees its own. Between the check and the store write, what a create or update
// took is held here; the check and the hold are one synchronous step, so concurrent writes through this
// server never get the same address. With several API servers on one store, each new value is also
// claimed in the store before the Service is written (AllocationClaims), and one another server claimed
// first is given up for another (or refused, when the Service named it).
import { randomInt } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { ApiError, invalid } from '../../api/errors.js';
import { FieldPath, goStringSlice, invalidShown, invalidValue } from '../../api/validation/field.js';
export const DEFAULT_SERVICE_CIDR = '10.43.0.0/16';
export const NODE_PORT_RANGE = { lo: 30000, hi: 32767 };
/** How long a value another server claimed is skipped here before it may be tried again. */
const FOREIGN_MS = 60_000;
function ipToInt(ip) {
    return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}
function intToIp(n) {
    return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
export function parseServiceCIDR(text) {
    const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text);
    const bits = m ? Number(m[2]) : NaN;
    if (!m || !isIPv4(m[1]) || bits < 8 || bits > 30)
        throw new Error(`--service-cidr: ${text} is not an IPv4 CIDR between /8 and /30`);
    const size = 2 ** (32 - bits);
    const base = ipToInt(m[1]) - (ipToInt(m[1]) % size);
    return { text: `${intToIp(base)}/${bits}`, base, size };
}
/** The first address of the range: the `kubernetes` Service's. */
export function apiServiceIP(cidr) {
    return intToIp(parseServiceCIDR(cidr).base + 1);
}
/** The tenth: cluster DNS's, as k3s places it. */
export function dnsServiceIP(cidr) {
    return intToIp(parseServiceCIDR(cidr).base + 10);
}
const keyOf = (svc) => `${svc.metadata.namespace}/${svc.metadata.name}`;
const needsClusterIP = (svc) => svc.spec?.type !== 'ExternalName' && svc.spec?.clusterIP !== 'None';
const needsNodePorts = (svc) => svc.spec?.type === 'NodePort' || (svc.spec?.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts !== false);
const nodePortsOf = (svc) => (svc.spec?.ports ?? []).map((p) => p.nodePort).filter((p) => !!p);
const spec = FieldPath.root('spec');
class Owners {
    stored = new Map();
    held = new Map();
    /** Claimed through another API server, by when it may be tried again. */
    foreign = new Map();
    /** Taken by a Service other than `by`. */
    takenFrom(k, by) {
        const owner = this.stored.get(k) ?? this.held.get(k);
        return owner !== undefined && owner !== by;
    }
    /** Free to hand out here. */
    free(k) {
        if (this.stored.has(k) || this.held.has(k))
            return false;
        const until = this.foreign.get(k);
        if (until === undefined)
            return true;
        if (until > Date.now())
            return false;
        this.foreign.delete(k);
        return true;
    }
}
export class ServiceAllocator {
    #cidr;
    #ips = new Owners();
    #ports = new Owners();
    #claims;
    /** With claims, values are claimed in the store too: for several API servers on one store. */
    constructor(cidr = DEFAULT_SERVICE_CIDR, claims) {
        this.#cidr = parseServiceCIDR(cidr);
        this.#claims = claims;
    }
    get cidr() {
        return this.#cidr.text;
    }
    reset(entries) {
        this.#ips.stored.clear();
        this.#ports.stored.clear();
        for (const e of entries)
            this.#index(e.obj, true);
    }
    apply(ev) {
        if (ev.prev)
            this.#index(ev.prev.obj, false);
        if (ev.type !== 'DELETED')
            this.#index(ev.entry.obj, true);
        // What the Service let go of is free for every server again.
        if (this.#claims && ev.prev) {
            const svc = ev.prev.obj;
            const key = keyOf(svc);
            for (const ip of needsClusterIP(svc) ? svc.spec.clusterIPs ?? [] : [])
                if (this.#ips.stored.get(ip) !== key)
                    this.#claims.drop(`serviceips/${ip}`, key);
            for (const p of nodePortsOf(svc))
                if (this.#ports.stored.get(p) !== key)
                    this.#claims.drop(`nodeports/${p}`, key);
        }
    }
    #index(svc, add) {
        const key = keyOf(svc);
        const ips = needsClusterIP(svc) ? svc.spec.clusterIPs ?? [] : [];
        const ports = nodePortsOf(svc);
        for (const ip of ips) {
            if (add)
                this.#ips.stored.set(ip, key);
            else if (this.#ips.stored.get(ip) === key)
                this.#ips.stored.delete(ip);
        }
        for (const p of ports) {
            if (add)
                this.#ports.stored.set(p, key);
            else if (this.#ports.stored.get(p) === key)
                this.#ports.stored.delete(p);
        }
    }
    /**
     * Fills in svc's cluster IP and node ports (checking the ones it names) and holds them until release().
     * Throws a 422 for a named address or port that is out of range or taken, a 500 when a range is full.
     */
    allocate(svc) {
        const key = keyOf(svc);
        const ips = [];
        const ports = [];
        /** Values this allocation claimed in the store: dropped again unless the Service was stored with them. */
        const claimed = [];
        const release = () => {
            for (const ip of ips)
                if (this.#ips.held.get(ip) === key)
                    this.#ips.held.delete(ip);
            for (const p of ports)
                if (this.#ports.held.get(p) === key)
                    this.#ports.held.delete(p);
            for (const c of claimed)
                if (c.held() !== key)
                    this.#claims.drop(c.what, key);
        };
        const named = { ip: svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP, ports: new Set(nodePortsOf(svc)) };
        try {
            if (needsClusterIP(svc))
                ips.push(...this.#allocateIPs(svc, key));
            if (needsNodePorts(svc))
                ports.push(...this.#allocateNodePorts(svc, key));
        }
        catch (e) {
            release();
            throw e;
        }
        const claim = async () => {
            if (!this.#claims)
                return;
            try {
                await this.#claimEach({ kind: 'serviceips', owners: this.#ips, values: ips, key, claimed,
                    refuse: (ip) => (ip === named.ip ? invalid('Service', svc.metadata.name ?? '', [invalidShown(spec.child('clusterIPs'), goStringSlice([ip]), `failed to allocate IP ${ip}: provided IP is already allocated`)]) : undefined),
                    pick: () => this.#freeIP(),
                    use: (_, ip) => {
                        svc.spec.clusterIP = ip;
                        svc.spec.clusterIPs = [ip];
                    } });
                await this.#claimEach({ kind: 'nodeports', owners: this.#ports, values: ports, key, claimed,
                    refuse: (port) => {
                        const at = (svc.spec.ports ?? []).findIndex((p) => p.nodePort === port);
                        return named.ports.has(port) ? invalid('Service', svc.metadata.name ?? '', [invalidValue(spec.child('ports').index(at).child('nodePort'), port, 'provided port is already allocated')]) : undefined;
                    },
                    pick: () => this.#freePort(),
                    use: (old, port) => {
                        for (const p of svc.spec.ports ?? [])
                            if (p.nodePort === old)
                                p.nodePort = port;
                    } });
            }
            catch (e) {
                release();
                throw e;
            }
        };
        return { claim, release };
    }
    /**
     * Claims each of `values` in the store. One another server claimed first is refused when the Service
     * named it (refuse gives the error), else skipped here for a while and replaced by a fresh pick.
     */
    async #claimEach(o) {
        for (let i = 0; i < o.values.length; i++) {
            for (;;) {
                const v = o.values[i];
                if (o.owners.stored.get(v) === o.key)
                    break;
                const what = `${o.kind}/${v}`;
                const got = await this.#claims.take(what, o.key, (by) => o.owners.stored.get(v) === by);
                if (got === 'claimed')
                    o.claimed.push({ what, held: () => o.owners.stored.get(v) });
                if (got !== 'taken')
                    break;
                const refused = o.refuse(v);
                if (refused)
                    throw refused;
                o.owners.foreign.set(v, Date.now() + FOREIGN_MS);
                if (o.owners.held.get(v) === o.key)
                    o.owners.held.delete(v);
                const next = o.pick();
                o.owners.held.set(next, o.key);
                o.values[i] = next;
                o.use(v, next);
            }
        }
    }
    #allocateIPs(svc, key) {
        const s = svc.spec;
        const wanted = s.clusterIPs?.length ? s.clusterIPs : s.clusterIP ? [s.clusterIP] : [];
        const refuse = (detail) => invalid('Service', svc.metadata.name ?? '', [invalidShown(spec.child('clusterIPs'), goStringSlice(wanted), detail)]);
        const families = s.ipFamilies ?? [];
        families.forEach((f, i) => {
            if (f !== 'IPv4')
                throw invalid('Service', svc.metadata.name ?? '', [invalidValue(spec.child('ipFamilies').index(i), f, 'not configured on this cluster')]);
        });
        if (s.ipFamilyPolicy === 'RequireDualStack') {
            throw invalid('Service', svc.metadata.name ?? '', [invalidValue(spec.child('ipFamilyPolicy'), s.ipFamilyPolicy, 'this cluster is not configured for dual-stack services')]);
        }
        let ip = wanted[0];
        if (ip) {
            if (!isIPv4(ip) || !this.#inRange(ip)) {
                throw refuse(`failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.#cidr.text}`);
            }
            if (this.#ips.takenFrom(ip, key))
                throw refuse(`failed to allocate IP ${ip}: provided IP is already allocated`);
        }
        else {
            ip = this.#freeIP();
        }
        if (this.#ips.stored.get(ip) !== key)
            this.#ips.held.set(ip, key);
        s.clusterIP = ip;
        s.clusterIPs = [ip];
        return [ip];
    }
    #inRange(ip) {
        const n = ipToInt(ip) - this.#cidr.base;
        return n > 0 && n < this.#cidr.size - 1;
    }
    /** A random free address, never the network, broadcast, `kubernetes` (first) or DNS (tenth) one. */
    #freeIP() {
        const usable = this.#cidr.size - 2;
        const start = randomInt(usable);
        for (let i = 0; i < usable; i++) {
            const offset = 1 + ((start + i) % usable);
            if (offset === 1 || offset === 10)
                continue;
            const ip = intToIp(this.#cidr.base + offset);
            if (this.#ips.free(ip))
                return ip;
        }
        throw new ApiError('InternalError', 'Internal error occurred: failed to allocate a serviceIP: range is full');
    }
    #allocateNodePorts(svc, key) {
        const taken = [];
        const causes = [];
        const ports = svc.spec.ports ?? [];
        const { lo, hi } = NODE_PORT_RANGE;
        ports.forEach((p, i) => {
            if (!p.nodePort)
                return;
            const at = spec.child('ports').index(i).child('nodePort');
            if (p.nodePort < lo || p.nodePort > hi)
                causes.push(invalidValue(at, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${lo}-${hi}`));
            else if (this.#ports.takenFrom(p.nodePort, key))
                causes.push(invalidValue(at, p.nodePort, 'provided port is already allocated'));
            else
                taken.push(p.nodePort);
        });
        if (causes.length)
            throw invalid('Service', svc.metadata.name ?? '', causes);
        for (const n of taken)
            if (this.#ports.stored.get(n) !== key)
                this.#ports.held.set(n, key);
        // Ports of one number (TCP and UDP alike) share a node port, as upstream gives them.
        const byPort = new Map();
        for (const p of ports)
            if (p.nodePort)
                byPort.set(p.port, p.nodePort);
        for (const p of ports) {
            if (p.nodePort)
                continue;
            const shared = byPort.get(p.port);
            p.nodePort = shared ?? this.#freePort();
            if (shared === undefined) {
                byPort.set(p.port, p.nodePort);
                taken.push(p.nodePort);
                this.#ports.held.set(p.nodePort, key);
            }
        }
        return taken;
    }
    #freePort() {
        const { lo, hi } = NODE_PORT_RANGE;
        const size = hi - lo + 1;
        const start = randomInt(size);
        for (let i = 0; i < size; i++) {
            const port = lo + ((start + i) % size);
            if (this.#ports.free(port))
                return port;
        }
        throw new ApiError('InternalError', 'Internal error occurred: failed to allocate a nodePort: range is full');
    }
}
//# sourceMappingURL=service-allocator.js.map
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

import type { Answer } from 'dns-packet';
import type { Endpoint, EndpointPort, EndpointSlice, Pod, Service } from '../api/types.js';

export const DNS_TTL = 5;

/**
 * What an answer was worked out from, one topic per read of the cluster: a change the view reports
 * under the same topic is what makes the answer no longer hold (and nothing else does).
 */
export const topic = {
  service: (namespace: string, name: string): string => `svc ${namespace}/${name}`,
  namespace: (namespace: string): string => `ns ${namespace}`,
  endpoints: (namespace: string, service: string): string => `eps ${namespace}/${service}`,
  pod: (namespace: string, name: string): string => `pod ${namespace}/${name}`,
  address: (ip: string): string => `ip ${ip}`,
  serial: 'soa',
};

/** What the zone reads of the cluster; the informer caches provide it (view.ts). */
export interface ClusterView {
  service(namespace: string, name: string): Service | undefined;
  /** Whether any Service lives in the namespace: its name then exists, without records of its own. */
  namespaceHasServices(namespace: string): boolean;
  endpointSlices(namespace: string, service: string): readonly EndpointSlice[];
  pod(namespace: string, name: string): Pod | undefined;
  podsWithIP(ip: string): readonly Pod[];
  /** The SOA's serial: moves when the cluster does. */
  serial(): number;
  /** Calls listener with the topics of each change, once the view reads the changed cluster; returns the way to stop. */
  onChange(listener: (topics: readonly string[]) => void): () => void;
}

export interface ZoneAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN';
  answers: Answer[];
  authorities: Answer[];
  additionals: Answer[];
  /** An ExternalName's target outside the zone: the caller resolves it upstream and appends its records. */
  external?: string;
  /** The topics of what the answer was worked out from (see topic). */
  topics: readonly string[];
}

interface Found {
  /** The records at the name, of every type; empty for a name that exists with none (NODATA). */
  records: Answer[];
  additionals?: Answer[];
  /** Behind a CNAME: the target's addresses when it is in the zone. */
  chased?: Answer[];
  external?: string;
}

const NX: Found | null = null;

export class ClusterZone {
  readonly domain: string;
  readonly #view: ClusterView;
  readonly #nameserver: string | undefined;
  /** The topics read while working out the current answer. */
  #read = new Set<string>();

  /** nameserver: the address this server answers on, given for `ns.dns.ZONE`. */
  constructor(domain: string, view: ClusterView, nameserver?: string) {
    this.domain = domain.toLowerCase().replace(/\.$/, '');
    this.#view = view;
    this.#nameserver = nameserver;
  }

  /** Whether the zone answers for the name (rather than the upstream resolvers). */
  contains(name: string): boolean {
    const n = name.toLowerCase().replace(/\.$/, '');
    return n === this.domain || n.endsWith(`.${this.domain}`);
  }

  /** type: the question's type as dns-packet names it (A, SRV, ANY, …). */
  answer(name: string, type: string): ZoneAnswer {
    this.#read = new Set();
    const found = this.#find(name.toLowerCase().replace(/\.$/, ''), name);
    // Only an answer without records carries the SOA, and only such an answer is read from the serial:
    // an address answer stays remembered when the serial moves.
    if (!found) {
      const soa = [this.soa()];
      return { rcode: 'NXDOMAIN', answers: [], authorities: soa, additionals: [], topics: [...this.#read] };
    }
    const cname = found.records.find((r) => r.type === 'CNAME');
    // A CNAME stands for every type at its name but itself.
    const ofType = (r: Answer): boolean => type === 'ANY' || r.type === type;
    const answers = cname && type !== 'CNAME' ? [cname, ...(found.chased ?? []).filter(ofType)] : found.records.filter(ofType);
    const authorities = answers.length === 0 ? [this.soa()] : [];
    const out: ZoneAnswer = { rcode: 'NOERROR', answers, authorities, additionals: [], topics: [...this.#read] };
    if (type === 'SRV' || type === 'ANY') out.additionals = found.additionals ?? [];
    if (cname && (type === 'A' || type === 'AAAA') && found.external) out.external = found.external;
    return out;
  }

  /** Calls listener with the topics of each change of the cluster: answers read from them no longer hold. */
  onChange(listener: (topics: readonly string[]) => void): () => void {
    return this.#view.onChange(listener);
  }

  soa(): Answer {
    this.#read.add(topic.serial);
    return {
      type: 'SOA', name: this.domain, ttl: DNS_TTL,
      data: { mname: `ns.dns.${this.domain}`, rname: `hostmaster.${this.domain}`, serial: this.#view.serial(), refresh: 7200, retry: 1800, expire: 86400, minimum: DNS_TTL },
    };
  }

  // The view's reads, each noting its topic.
  #service(ns: string, name: string): Service | undefined {
    this.#read.add(topic.service(ns, name));
    return this.#view.service(ns, name);
  }

  #namespaceHasServices(ns: string): boolean {
    this.#read.add(topic.namespace(ns));
    return this.#view.namespaceHasServices(ns);
  }

  #endpointSlices(ns: string, service: string): readonly EndpointSlice[] {
    this.#read.add(topic.endpoints(ns, service));
    return this.#view.endpointSlices(ns, service);
  }

  #pod(ns: string, name: string): Pod | undefined {
    this.#read.add(topic.pod(ns, name));
    return this.#view.pod(ns, name);
  }

  #podsWithIP(ip: string): readonly Pod[] {
    this.#read.add(topic.address(ip));
    return this.#view.podsWithIP(ip);
  }

  /** The records at a name (lower case, no trailing dot); null when it does not exist. asked: the name as asked, for owner names. */
  #find(n: string, asked: string): Found | null {
    if (n === this.domain) {
      return { records: [{ ...this.soa(), name: asked }, { type: 'NS', name: asked, ttl: DNS_TTL, data: `ns.dns.${this.domain}` }] };
    }
    const labels = n.slice(0, -(this.domain.length + 1)).split('.');
    const kind = labels.pop();
    if (kind === 'dns') return this.#findNameserver(labels, asked);
    if (kind === 'pod') return this.#findPod(labels, asked);
    if (kind === 'svc') return this.#findService(labels, asked);
    return NX;
  }

  #findNameserver(labels: string[], asked: string): Found | null {
    if (labels.length === 0) return { records: [] };
    if (labels.length !== 1 || labels[0] !== 'ns' || !this.#nameserver) return NX;
    return { records: [addressRecord(asked, this.#nameserver)] };
  }

  /** A-B-C-D.NS.pod: answered only for an address a Pod of NS has ("pods verified"). */
  #findPod(labels: string[], asked: string): Found | null {
    if (labels.length === 0) return { records: [] };
    if (labels.length !== 2) return NX;
    const [dashed, ns] = labels as [string, string];
    const ip = undashed(dashed);
    if (!ip || !this.#podsWithIP(ip).some((p) => p.metadata.namespace === ns)) return NX;
    return { records: [addressRecord(asked, ip)] };
  }

  #findService(labels: string[], asked: string): Found | null {
    if (labels.length === 0) return { records: [] };
    const ns = labels[labels.length - 1]!;
    if (labels.length === 1) return this.#namespaceHasServices(ns) ? { records: [] } : NX;
    const svc = this.#service(ns, labels[labels.length - 2]!);
    if (!svc) return NX;
    if (labels.length === 2) return this.#serviceRecords(svc, asked);
    if (labels.length === 3) {
      const first = labels[0]!;
      // _PROTO.SVC: a name on the way to the SRV records, with none of its own.
      if (first.startsWith('_')) return (svc.spec.ports ?? []).some((p) => `_${protocolOf(p).toLowerCase()}` === first) ? { records: [] } : NX;
      const hits = this.#endpoints(svc).filter((e) => e.host === first);
      return hits.length > 0 ? { records: hits.map((e) => addressRecord(asked, e.ip)) } : NX;
    }
    if (labels.length === 4) return this.#srvForPort(svc, labels[0]!, labels[1]!, asked);
    return NX;
  }

  #serviceFqdn(svc: Service): string {
    return `${svc.metadata.name}.${svc.metadata.namespace}.svc.${this.domain}`;
  }

  #serviceRecords(svc: Service, asked: string): Found {
    if (svc.spec.type === 'ExternalName') {
      const target = (svc.spec.externalName ?? '').toLowerCase().replace(/\.$/, '');
      if (!target) return { records: [] };
      const records: Answer[] = [{ type: 'CNAME', name: asked, ttl: DNS_TTL, data: target }];
      // A target inside the zone is followed here; one outside is for the caller to resolve upstream.
      if (!this.contains(target)) return { records, external: target };
      const inner = this.#find(target, target);
      return { records, chased: inner?.records.filter((r) => r.type === 'A' || r.type === 'AAAA') ?? [] };
    }
    if (isHeadless(svc)) {
      const eps = this.#endpoints(svc);
      const records: Answer[] = uniqueBy(eps, (e) => e.ip).map((e) => addressRecord(asked, e.ip));
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
  #srvForPort(svc: Service, portLabel: string, protoLabel: string, asked: string): Found | null {
    if (!portLabel.startsWith('_') || !protoLabel.startsWith('_')) return NX;
    const name = portLabel.slice(1);
    const proto = protoLabel.slice(1).toUpperCase();
    const port = (svc.spec.ports ?? []).find((p) => p.name?.toLowerCase() === name && protocolOf(p) === proto);
    if (!port || svc.spec.type === 'ExternalName') return NX;
    if (isHeadless(svc)) {
      const found = this.#headlessSrv(svc, this.#endpoints(svc), (p) => p.name?.toLowerCase() === name && protocolOf(p) === proto, asked);
      return found.records.length > 0 ? found : { records: [] };
    }
    const fqdn = this.#serviceFqdn(svc);
    const ips = clusterIPsOf(svc);
    return { records: [srvRecord(asked, port.port, fqdn, 1)], additionals: ips.map((ip) => addressRecord(fqdn, ip)) };
  }

  /** SRV records naming each endpoint (HOST.SVC.NS.svc.ZONE) with the ports that match, and their addresses. */
  #headlessSrv(svc: Service, eps: ZoneEndpoint[], matches: (p: EndpointPort) => boolean, asked: string): Found {
    const fqdn = this.#serviceFqdn(svc);
    const pairs = eps.flatMap((e) => e.ports.filter(matches).map((p) => ({ target: `${e.host}.${fqdn}`, port: p.port, ip: e.ip })));
    const unique = uniqueBy(pairs, (p) => `${p.target}:${p.port}`);
    return {
      records: unique.map((p) => srvRecord(asked, p.port, p.target, unique.length)),
      additionals: uniqueBy(unique, (p) => p.target).map((p) => addressRecord(p.target, p.ip)),
    };
  }

  /** The Service's endpoints that DNS publishes: ready ones, or all with publishNotReadyAddresses. */
  #endpoints(svc: Service): ZoneEndpoint[] {
    const ns = svc.metadata.namespace ?? '';
    const out: ZoneEndpoint[] = [];
    for (const slice of this.#endpointSlices(ns, svc.metadata.name ?? '')) {
      if (slice.addressType === 'FQDN') continue;
      for (const ep of slice.endpoints ?? []) {
        // An unset ready condition means ready, as the EndpointSlice API defines it.
        if (ep.conditions?.ready === false && !svc.spec.publishNotReadyAddresses) continue;
        const host = this.#hostnameOf(ep, svc);
        for (const ip of ep.addresses ?? []) out.push({ ip, host: host ?? dashed(ip), ports: slice.ports ?? [] });
      }
    }
    return out;
  }

  /** The endpoint's hostname, or its Pod's spec.hostname when the Pod's subdomain is this Service. */
  #hostnameOf(ep: Endpoint, svc: Service): string | undefined {
    if (ep.hostname) return ep.hostname.toLowerCase();
    const ref = ep.targetRef;
    if (ref?.kind !== 'Pod' || !ref.name) return undefined;
    const pod = this.#pod(ref.namespace ?? svc.metadata.namespace ?? '', ref.name);
    return pod?.spec.hostname && pod.spec.subdomain === svc.metadata.name ? pod.spec.hostname.toLowerCase() : undefined;
  }
}

interface ZoneEndpoint { ip: string; host: string; ports: EndpointPort[] }

function isHeadless(svc: Service): boolean {
  return svc.spec.clusterIP === 'None';
}

function clusterIPsOf(svc: Service): string[] {
  const ips = svc.spec.clusterIPs?.length ? svc.spec.clusterIPs : svc.spec.clusterIP ? [svc.spec.clusterIP] : [];
  return ips.filter((ip) => ip !== 'None' && ip !== '');
}

function protocolOf(p: { protocol?: string }): string {
  return p.protocol ?? 'TCP';
}

function addressRecord(name: string, ip: string): Answer {
  return { type: ip.includes(':') ? 'AAAA' : 'A', name, ttl: DNS_TTL, data: ip };
}

/** Weights share 100 among the records, as CoreDNS does, so clients spread evenly. */
function srvRecord(name: string, port: number, target: string, count: number): Answer {
  return { type: 'SRV', name, ttl: DNS_TTL, data: { priority: 0, weight: Math.max(1, Math.floor(100 / count)), port, target } };
}

/** 10.88.0.5 → 10-88-0-5; fd00::5 → fd00--5. */
export function dashed(ip: string): string {
  return ip.replace(/[.:]/g, '-');
}

/** The inverse of dashed, for a label that is an IPv4 address or IPv6 with dashes; undefined for any other. */
function undashed(label: string): string | undefined {
  const v4 = label.split('-');
  if (v4.length === 4 && v4.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)) return v4.map(Number).join('.');
  const isV6 = /^[0-9a-f-]+$/.test(label) && (label.includes('--') || v4.length === 8);
  return isV6 ? label.replace(/-/g, ':') : undefined;
}

function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(key(x)) && (seen.add(key(x)), true));
}

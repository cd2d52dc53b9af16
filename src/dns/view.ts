// The zone's view of the cluster, read from informers (through the client, as CoreDNS reads the API):
// Services by namespace, EndpointSlices by the Service they belong to, and Pods by address. Each change
// is told to listeners under the topics of what it changed (zone.ts's topic), so the DNS server drops
// only the answers read from those.

import type { EndpointSlice, Pod, Service } from '../api/types.js';
import type { Informer, InformerOptions } from '../client/informer.js';
import { SERVICE_NAME_LABEL } from '../client/shared.js';
import { topic, type ClusterView } from './zone.js';

/**
 * The Pods the zone reads, as the Pod informer lists and watches them: not finished or lost (whose
 * address may be another's by now), as CoreDNS's `pods verified` lists them, and with an address (one
 * without is in no answer). The API server filters out the rest, so the DNS thread neither receives nor
 * parses every change of a Pod still Pending, scheduled, pulling its image. Indexed by address ('ip').
 */
export const podWatch: Pick<InformerOptions<Pod>, 'fieldSelector' | 'indexers'> = {
  fieldSelector: 'status.podIP!=,status.phase!=Succeeded,status.phase!=Failed,status.phase!=Unknown',
  indexers: { ip: addressesOf },
};

export class InformerView implements ClusterView {
  readonly #services: Informer<Service>;
  readonly #slices: Informer<EndpointSlice>;
  readonly #pods: Informer<Pod>;
  readonly #listeners = new Set<(topics: readonly string[]) => void>();
  // In seconds since the epoch, as CoreDNS's: the time of the latest change.
  #serial = nowSeconds();

  constructor(services: Informer<Service>, slices: Informer<EndpointSlice>, pods: Informer<Pod>) {
    this.#services = services;
    this.#slices = slices;
    this.#pods = pods;
    const ofService = (s: Service): string => topic.service(s.metadata.namespace ?? '', s.metadata.name ?? '');
    services.addHandlers({
      // A namespace's name exists while it has a Service.
      onAdd: (s) => this.#changed([ofService(s), topic.namespace(s.metadata.namespace ?? '')]),
      onUpdate: (_old, s) => this.#changed([ofService(s)]),
      onDelete: (s) => this.#changed([ofService(s), topic.namespace(s.metadata.namespace ?? '')]),
    });
    const ofSlice = (s: EndpointSlice): string => topic.endpoints(s.metadata.namespace ?? '', s.metadata.labels?.[SERVICE_NAME_LABEL] ?? '');
    slices.addHandlers({
      onAdd: (s) => this.#changed([ofSlice(s)]),
      onUpdate: (old, s) => this.#changed([ofSlice(old), ofSlice(s)]),
      onDelete: (s) => this.#changed([ofSlice(s)]),
    });
    // A Pod's status changes often (conditions, container states) and only its addresses, hostname and
    // subdomain are in the zone: other updates change nothing DNS says.
    const ofPod = (p: Pod): string[] => [topic.pod(p.metadata.namespace ?? '', p.metadata.name ?? ''), ...addressesOf(p).map(topic.address)];
    pods.addHandlers({
      onAdd: (p) => this.#changed(ofPod(p)),
      onUpdate: (old, p) => { if (zoneKeyOf(old) !== zoneKeyOf(p)) this.#changed([...ofPod(old), ...ofPod(p)]); },
      onDelete: (p) => this.#changed(ofPod(p)),
    });
  }

  service(namespace: string, name: string): Service | undefined {
    return this.#services.get(`${namespace}/${name}`);
  }

  namespaceHasServices(namespace: string): boolean {
    return this.#services.byIndex('namespace', namespace).length > 0;
  }

  endpointSlices(namespace: string, service: string): readonly EndpointSlice[] {
    return this.#slices.byIndex('service', `${namespace}/${service}`);
  }

  pod(namespace: string, name: string): Pod | undefined {
    return this.#pods.get(`${namespace}/${name}`);
  }

  podsWithIP(ip: string): readonly Pod[] {
    return this.#pods.byIndex('ip', ip);
  }

  serial(): number {
    return this.#serial;
  }

  onChange(listener: (topics: readonly string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells the listeners; the serial moves (at most once a second, so answers carrying it are not all dropped at every change). */
  #changed(topics: string[]): void {
    const now = nowSeconds();
    if (now > this.#serial) {
      this.#serial = now;
      topics.push(topic.serial);
    }
    for (const l of this.#listeners) l(topics);
  }
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function addressesOf(p: Pod): string[] {
  return [...new Set([...(p.status?.podIPs ?? []).map((i) => i.ip), ...(p.status?.podIP ? [p.status.podIP] : [])])];
}

/** What of a Pod the zone reads: its addresses (podsWithIP) and hostname under a subdomain (pod()). */
function zoneKeyOf(p: Pod): string {
  return `${p.spec.hostname ?? ''}/${p.spec.subdomain ?? ''}/${addressesOf(p).join(',')}`;
}

// The zone's view of the cluster, read from informers (through the client, as CoreDNS reads the API):
// Services by namespace, EndpointSlices by the Service they belong to, and Pods by address.

import type { EndpointSlice, Pod, Service } from '../api/types.js';
import type { Informer, InformerOptions } from '../client/informer.js';
import type { ClusterView } from './zone.js';

/** The Pod informer's index the view reads ('ip'); Services and EndpointSlices come indexed from SharedInformers. */
export const podIndexers: InformerOptions<Pod>['indexers'] = {
  ip: (p) => [...new Set([...(p.status?.podIPs ?? []).map((i) => i.ip), ...(p.status?.podIP ? [p.status.podIP] : [])])],
};

export class InformerView implements ClusterView {
  readonly #services: Informer<Service>;
  readonly #slices: Informer<EndpointSlice>;
  readonly #pods: Informer<Pod>;
  #serial = Math.floor(Date.now() / 1000);

  constructor(services: Informer<Service>, slices: Informer<EndpointSlice>, pods: Informer<Pod>) {
    this.#services = services;
    this.#slices = slices;
    this.#pods = pods;
    // The SOA serial moves with every change of what the zone reads, as a zone's should; the server
    // forgets its answers when it moves. A Pod's status changes often (conditions, container states)
    // and only its addresses, hostname and subdomain are in the zone: other updates leave it be.
    const bump = (): void => { this.#serial = (this.#serial + 1) >>> 0; };
    const handlers = { onAdd: bump, onUpdate: bump, onDelete: bump };
    services.addHandlers(handlers);
    slices.addHandlers(handlers);
    pods.addHandlers({ onAdd: bump, onDelete: bump, onUpdate: (old, pod) => { if (zoneKeyOf(old) !== zoneKeyOf(pod)) bump(); } });
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
}

/** What of a Pod the zone reads: its addresses (podsWithIP) and hostname under a subdomain (pod()). */
function zoneKeyOf(p: Pod): string {
  return `${p.spec.hostname ?? ''}/${p.spec.subdomain ?? ''}/${p.status?.podIP ?? ''}/${(p.status?.podIPs ?? []).map((i) => i.ip).join(',')}`;
}

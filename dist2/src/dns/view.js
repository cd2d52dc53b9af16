// The zone's view of the cluster, read from informers (through the client, as CoreDNS reads the API):
// Services by namespace, EndpointSlices by the Service they belong to, and Pods by address.
/** The Pod informer's index the view reads ('ip'); Services and EndpointSlices come indexed from SharedInformers. */
export const podIndexers = {
    ip: (p) => [...new Set([...(p.status?.podIPs ?? []).map((i) => i.ip), ...(p.status?.podIP ? [p.status.podIP] : [])])],
};
export class InformerView {
    #services;
    #slices;
    #pods;
    #serial = Math.floor(Date.now() / 1000);
    constructor(services, slices, pods) {
        this.#services = services;
        this.#slices = slices;
        this.#pods = pods;
        // The SOA serial moves with every change, as a zone's should.
        const bump = () => { this.#serial = (this.#serial + 1) >>> 0; };
        const handlers = { onAdd: bump, onUpdate: bump, onDelete: bump };
        services.addHandlers(handlers);
        slices.addHandlers(handlers);
        pods.addHandlers(handlers);
    }
    service(namespace, name) {
        return this.#services.get(`${namespace}/${name}`);
    }
    namespaceHasServices(namespace) {
        return this.#services.byIndex('namespace', namespace).length > 0;
    }
    endpointSlices(namespace, service) {
        return this.#slices.byIndex('service', `${namespace}/${service}`);
    }
    pod(namespace, name) {
        return this.#pods.get(`${namespace}/${name}`);
    }
    podsWithIP(ip) {
        return this.#pods.byIndex('ip', ip);
    }
    serial() {
        return this.#serial;
    }
}
//# sourceMappingURL=view.js.map
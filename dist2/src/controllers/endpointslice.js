// The EndpointSlice controller: for every Service with a selector, slices (discovery.k8s.io/v1) that
// list the Pods it selects, at most 100 endpoints each, one set of slices per set of resolved ports.
// Each endpoint says whether its Pod is ready, serving (its Ready condition) and terminating, with its
// node, the Pod as targetRef, and a hostname when the Pod's subdomain is the Service. Slices are
// owned by their Service and labelled with its name and this controller as their manager.
import { isApiError } from '../api/errors.js';
import { endpointSlices } from '../client/resources.js';
import { SERVICE_NAME_LABEL, SharedInformers } from '../client/shared.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { controllerRef } from './controllerref.js';
import { byPorts, hasManagedEndpoints, podEndpoints, podRef, portsKey } from './serviceendpoints.js';
import { watchServicePods } from './servicepods.js';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
/** Endpoints per slice (upstream's --max-endpoints-per-slice default). */
export const MAX_ENDPOINTS_PER_SLICE = 100;
/** How long a created slice may stay unseen by the informer before it is no longer waited for. */
const UNSEEN_MS = 5000;
function endpointOf(e) {
    return {
        addresses: [e.ip],
        conditions: { ready: e.ready, serving: e.serving, terminating: e.terminating },
        ...(e.hostname ? { hostname: e.hostname } : {}),
        ...(e.pod.spec.nodeName ? { nodeName: e.pod.spec.nodeName } : {}),
        targetRef: podRef(e.pod),
    };
}
/** The slices' content svc should have: one entry per slice, ports and endpoints. */
function desiredSlices(svc, pods) {
    const out = [];
    for (const group of byPorts(podEndpoints(svc, pods))) {
        for (let i = 0; i < group.length; i += MAX_ENDPOINTS_PER_SLICE) {
            out.push({ ports: group[0].ports, endpoints: group.slice(i, i + MAX_ENDPOINTS_PER_SLICE).map(endpointOf) });
        }
    }
    // A Service that selects nothing still has one (empty) slice, with its ports, as upstream keeps it.
    if (!out.length)
        out.push({ ports: [], endpoints: [] });
    return out;
}
export class EndpointSliceController {
    #client;
    #services;
    #pods;
    #slices;
    #queue = new WorkQueue();
    #log;
    #workers;
    /** Slices created per Service and not yet seen by the informer: reconciling before would create them twice. */
    #unseen = new Map();
    constructor(client, opts = {}) {
        this.#client = client;
        this.#log = opts.log ?? ((l) => process.stderr.write(`endpointslice: ${l}\n`));
        this.#workers = opts.workers ?? 2;
        const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${e.message}`));
        this.#services = informers.services();
        this.#pods = informers.pods();
        this.#slices = informers.endpointSlices();
        watchServicePods(this.#services, this.#pods, this.#queue);
        // A managed slice changed or removed by someone else is put back.
        const sliceChanged = (s) => {
            const name = s.metadata.labels?.[SERVICE_NAME_LABEL];
            if (name && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY)
                this.#queue.add(`${s.metadata.namespace}/${name}`);
        };
        this.#slices.addHandlers({ onAdd: sliceChanged, onUpdate: (_o, s) => sliceChanged(s), onDelete: sliceChanged });
    }
    async run(signal) {
        const informers = Promise.all([this.#services.run(signal), this.#pods.run(signal), this.#slices.run(signal)]);
        await Promise.all([this.#services.waitForSync(), this.#pods.waitForSync(), this.#slices.waitForSync()]);
        await runWorkers(this.#queue, this.#workers, (k) => this.reconcile(k), signal, (k, e) => this.#log(`${k}: ${e.message}`));
        await informers;
    }
    async reconcile(key) {
        const unseen = this.#unseen.get(key);
        if (unseen && Date.now() - unseen.at < UNSEEN_MS && unseen.names.some((n) => !this.#slices.get(`${key.slice(0, key.indexOf('/'))}/${n}`))) {
            this.#queue.addAfter(key, 50);
            return;
        }
        this.#unseen.delete(key);
        const svc = this.#services.get(key);
        const existing = this.#slices.byIndex('service', key).filter((s) => s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);
        // Slices of a Service that is gone go with it (the garbage collector would too, through the owner).
        if (!svc || !hasManagedEndpoints(svc) || svc.metadata.deletionTimestamp) {
            await Promise.all(existing.map((s) => this.#delete(s)));
            return;
        }
        const ns = svc.metadata.namespace;
        const want = desiredSlices(svc, this.#pods.byIndex('namespace', ns));
        // Reuse the slices that already carry a port set, in name order, before creating any.
        const free = new Map();
        for (const s of [...existing].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
            const k = portsKey(s.ports ?? []);
            free.set(k, [...(free.get(k) ?? []), s]);
        }
        const labels = { ...(svc.metadata.labels ?? {}), [SERVICE_NAME_LABEL]: svc.metadata.name, [MANAGED_BY_LABEL]: MANAGED_BY };
        const writes = [];
        for (const w of want) {
            const reuse = free.get(portsKey(w.ports ?? []))?.shift();
            if (!reuse) {
                const slice = {
                    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
                    metadata: { generateName: `${svc.metadata.name}-`, namespace: ns, labels, ownerReferences: [controllerRef(svc, 'v1', 'Service')] },
                    addressType: 'IPv4', ...w,
                };
                writes.push(this.#client.create(endpointSlices, ns, slice).then((created) => {
                    const u = this.#unseen.get(key) ?? { names: [], at: Date.now() };
                    u.names.push(created.metadata.name);
                    this.#unseen.set(key, u);
                }));
            }
            else if (JSON.stringify([reuse.ports ?? [], reuse.endpoints ?? [], reuse.metadata.labels]) !== JSON.stringify([w.ports, w.endpoints, labels])) {
                writes.push(this.#client.update(endpointSlices, ns, { ...reuse, metadata: { ...reuse.metadata, labels }, ...w }).catch((e) => {
                    if (!isApiError(e, 'Conflict') && !isApiError(e, 'NotFound'))
                        throw e;
                }));
            }
        }
        for (const rest of free.values())
            for (const s of rest)
                writes.push(this.#delete(s));
        const failed = (await Promise.allSettled(writes)).find((r) => r.status === 'rejected');
        if (failed)
            throw failed.reason;
    }
    async #delete(s) {
        try {
            await this.#client.delete(endpointSlices, s.metadata.namespace, s.metadata.name, { preconditions: { uid: s.metadata.uid } });
        }
        catch (e) {
            if (!isApiError(e, 'NotFound') && !isApiError(e, 'Conflict'))
                throw e;
        }
    }
}
//# sourceMappingURL=endpointslice.js.map
// The Endpoints controller: keeps core/v1 Endpoints (named as its Service) for every Service with a
// selector, for the clients that still read them: one subset per set of resolved ports, ready Pods in
// addresses and the others in notReadyAddresses, or all in addresses when the Service publishes
// not-ready addresses. Terminating Pods are left out unless it does. A deleted Service's Endpoints go.
import { isApiError } from '../api/errors.js';
import { keyOf, splitKey } from '../client/informer.js';
import { endpoints } from '../client/resources.js';
import { SharedInformers } from '../client/shared.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { byPorts, hasManagedEndpoints, podEndpoints, podRef } from './serviceendpoints.js';
import { watchServicePods } from './servicepods.js';
function addressOf(e) {
    return { ip: e.ip, ...(e.hostname ? { hostname: e.hostname } : {}), ...(e.pod.spec.nodeName ? { nodeName: e.pod.spec.nodeName } : {}), targetRef: podRef(e.pod) };
}
const byIP = (a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
export function subsetsFor(svc, pods) {
    const publishAll = svc.spec.publishNotReadyAddresses === true;
    const eps = podEndpoints(svc, pods).filter((e) => publishAll || !e.terminating);
    return byPorts(eps).map((group) => {
        const ready = group.filter((e) => publishAll || e.ready).map(addressOf).sort(byIP);
        const notReady = group.filter((e) => !publishAll && !e.ready).map(addressOf).sort(byIP);
        const ports = group[0].ports.map(({ name, ...p }) => (name ? { name, ...p } : p));
        return { ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ...(ports.length ? { ports } : {}) };
    });
}
export class EndpointsController {
    #client;
    #services;
    #pods;
    #endpoints;
    #queue = new WorkQueue();
    #log;
    #workers;
    constructor(client, opts = {}) {
        this.#client = client;
        this.#log = opts.log ?? ((l) => process.stderr.write(`endpoints: ${l}\n`));
        this.#workers = opts.workers ?? 2;
        const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${e.message}`));
        this.#services = informers.services();
        this.#pods = informers.pods();
        this.#endpoints = informers.endpoints();
        watchServicePods(this.#services, this.#pods, this.#queue);
        // Endpoints written by someone else (or a write of ours that lost a race) are looked at again.
        const changed = (ep) => {
            if (this.#services.get(keyOf(ep)))
                this.#queue.add(keyOf(ep));
        };
        this.#endpoints.addHandlers({ onAdd: changed, onUpdate: (_o, ep) => changed(ep), onDelete: changed });
    }
    async run(signal) {
        const informers = Promise.all([this.#services.run(signal), this.#pods.run(signal), this.#endpoints.run(signal)]);
        await Promise.all([this.#services.waitForSync(), this.#pods.waitForSync(), this.#endpoints.waitForSync()]);
        await runWorkers(this.#queue, this.#workers, (k) => this.reconcile(k), signal, (k, e) => this.#log(`${k}: ${e.message}`));
        await informers;
    }
    async reconcile(key) {
        const { namespace = '', name } = splitKey(key);
        const svc = this.#services.get(key);
        const current = this.#endpoints.get(key);
        if (!svc) {
            if (current)
                await this.#client.delete(endpoints, namespace, name).catch((e) => {
                    if (!isApiError(e, 'NotFound'))
                        throw e;
                });
            return;
        }
        if (!hasManagedEndpoints(svc))
            return;
        const subsets = subsetsFor(svc, this.#pods.byIndex('namespace', namespace));
        const labels = { ...(svc.metadata.labels ?? {}), ...(svc.spec.clusterIP === 'None' ? { 'service.kubernetes.io/headless': '' } : {}) };
        if (!current) {
            await this.#client.create(endpoints, namespace, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace, labels }, ...(subsets.length ? { subsets } : {}) }).catch((e) => {
                // Seen by the informer soon; the event brings another pass.
                if (!isApiError(e, 'AlreadyExists'))
                    throw e;
            });
            return;
        }
        if (JSON.stringify([current.subsets ?? [], current.metadata.labels ?? {}]) === JSON.stringify([subsets, labels]))
            return;
        await this.#client.update(endpoints, namespace, { ...current, metadata: { ...current.metadata, labels }, subsets: subsets.length ? subsets : undefined }).catch((e) => {
            if (!isApiError(e, 'Conflict') && !isApiError(e, 'NotFound'))
                throw e;
        });
    }
}
//# sourceMappingURL=endpoints.js.map
// Objects every namespace holds, kept there by a controller as upstream's are: the `default`
// ServiceAccount (the service account controller) and the `kube-root-ca.crt` ConfigMap with the
// cluster's CA (the root CA publisher). Deleted, it is made again; changed (the ConfigMap), it is put
// back. A namespace being deleted is left alone.
import { isApiError } from '../api/errors.js';
import { Informer } from '../client/informer.js';
import { configMaps, serviceAccounts } from '../client/resources.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
export class NamespaceObjectController {
    #client;
    #spec;
    #namespaces;
    #objects;
    #queue = new WorkQueue();
    #log;
    constructor(client, spec, opts) {
        this.#client = client;
        this.#spec = spec;
        this.#log = opts.log ?? ((l) => process.stderr.write(`${spec.resource.plural}/${spec.name}: ${l}\n`));
        this.#namespaces = opts.informers.namespaces();
        this.#objects = new Informer(client, spec.resource, { fieldSelector: `metadata.name=${spec.name}`, onError: (e) => this.#log(`watch: ${e.message}`) });
        const queueNs = (ns) => this.#queue.add(ns.metadata.name);
        this.#namespaces.addHandlers({ onAdd: queueNs, onUpdate: (_o, ns) => queueNs(ns) });
        const queueOf = (o) => this.#queue.add(o.metadata.namespace);
        this.#objects.addHandlers({ onUpdate: (_o, o) => queueOf(o), onDelete: queueOf });
    }
    async run(signal) {
        const informers = Promise.all([this.#namespaces.run(signal), this.#objects.run(signal)]);
        await Promise.all([this.#namespaces.waitForSync(), this.#objects.waitForSync()]);
        await runWorkers(this.#queue, 1, (ns) => this.reconcile(ns), signal, (ns, e) => this.#log(`${ns}: ${e.message}`));
        await informers;
    }
    async reconcile(namespace) {
        const ns = this.#namespaces.get(namespace);
        if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating')
            return;
        const existing = this.#objects.get(`${namespace}/${this.#spec.name}`);
        if (existing && !this.#spec.drifted?.(existing))
            return;
        const desired = this.#spec.desired();
        try {
            if (existing)
                await this.#client.update(this.#spec.resource, namespace, { ...desired, metadata: { ...existing.metadata, ...desired.metadata } });
            else
                await this.#client.create(this.#spec.resource, namespace, desired);
        }
        catch (e) {
            // Made meanwhile (the cache will tell), or the namespace is going away: nothing to do.
            if (isApiError(e, 'AlreadyExists') || isApiError(e, 'Conflict') || isApiError(e, 'NotFound') || isApiError(e, 'Forbidden'))
                return;
            throw e;
        }
    }
}
/** The `default` ServiceAccount Pods run as when they name none. */
export const defaultServiceAccount = {
    resource: serviceAccounts,
    name: 'default',
    desired: () => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }),
};
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
/** kube-root-ca.crt: the CA that signed the API server's certificate, for in-cluster clients. */
export function rootCAConfigMap(caPem) {
    return {
        resource: configMaps,
        name: ROOT_CA_CONFIGMAP,
        desired: () => ({
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: {
                name: ROOT_CA_CONFIGMAP,
                annotations: {
                    'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
                },
            },
            data: { 'ca.crt': caPem },
        }),
        drifted: (cm) => cm.data?.['ca.crt'] !== caPem || Object.keys(cm.data ?? {}).length !== 1 || !!cm.binaryData,
    };
}
//# sourceMappingURL=namespaceobjects.js.map
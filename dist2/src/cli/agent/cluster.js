// The kubelet's view of the cluster (kubelet/cluster.ts) over the REST client: an informer on the
// Pods bound to this node (or a share of one informer for many nodes), status patches, events, node
// registration and the lease.
import { isApiError } from '../../api/errors.js';
import { EventRecorder } from '../../client/events.js';
import { Informer } from '../../client/informer.js';
import { configMaps, leases, nodes, persistentVolumeClaims, persistentVolumes, pods, secrets, serviceAccounts, services } from '../../client/resources.js';
function decodeData(obj, base64Values) {
    const data = {};
    for (const [k, v] of Object.entries(obj.data ?? {}))
        data[k] = base64Values ? Buffer.from(v, 'base64') : Buffer.from(v);
    for (const [k, v] of Object.entries(obj.binaryData ?? {}))
        data[k] = Buffer.from(v, 'base64');
    return { data };
}
/** How long a container start waits for the first list of Services. */
const SERVICES_SYNC_MS = 10_000;
export class RestKubeletCluster {
    #client;
    #events;
    #opts;
    #nodeName;
    #services;
    /** The kubelet's lifetime, from its latest Pod watch: the Services informer of its own stops with it. */
    #lifetime;
    constructor(client, nodeName, opts = {}) {
        this.#client = client;
        this.#nodeName = nodeName;
        this.#events = new EventRecorder(client, { component: 'kubelet', host: nodeName });
        this.#opts = opts;
    }
    #onError(nodeName, what) {
        return this.#opts.onError ?? ((e) => console.error(`kubelet ${nodeName}: ${what}: ${e.message}`));
    }
    async watchPods(nodeName, handler, signal) {
        this.#lifetime = signal;
        if (this.#opts.pods)
            return this.#opts.pods.watch(nodeName, handler, signal);
        const onError = this.#onError(nodeName, 'pod watch');
        const inf = new Informer(this.#client, pods, { fieldSelector: `spec.nodeName=${nodeName}`, onError });
        inf.addHandlers({
            onAdd: (p) => handler('ADDED', p),
            onUpdate: (_o, p) => handler('MODIFIED', p),
            onDelete: (p) => handler('DELETED', p),
        });
        void inf.run(signal);
        await inf.waitForSync();
    }
    async patchPodStatus(namespace, name, uid, status) {
        // Replace the whole status (a merge patch would keep fields the kubelet dropped), only for this Pod's uid.
        const ops = [
            { op: 'test', path: '/metadata/uid', value: uid },
            { op: 'replace', path: '/status', value: status },
        ];
        await this.#client.patch(pods, namespace, name, 'json', ops, { subresource: 'status' });
    }
    async deletePod(namespace, name, uid) {
        await this.#client.delete(pods, namespace, name, { gracePeriodSeconds: 0, preconditions: { uid } }).catch((e) => {
            if (!isApiError(e, 'NotFound') && !isApiError(e, 'Conflict'))
                throw e;
        });
    }
    async getConfigMap(namespace, name) {
        return this.#client.get(configMaps, namespace, name).then((cm) => decodeData(cm, false), (e) => (isApiError(e, 'NotFound') ? null : Promise.reject(e)));
    }
    async getSecret(namespace, name) {
        return this.#client.get(secrets, namespace, name).then((s) => decodeData(s, true), (e) => (isApiError(e, 'NotFound') ? null : Promise.reject(e)));
    }
    async getPersistentVolumeClaim(namespace, name) {
        return this.#client.get(persistentVolumeClaims, namespace, name).catch((e) => (isApiError(e, 'NotFound') ? null : Promise.reject(e)));
    }
    async getPersistentVolume(name) {
        return this.#client.get(persistentVolumes, undefined, name).catch((e) => (isApiError(e, 'NotFound') ? null : Promise.reject(e)));
    }
    watchObject(kind, namespace, name, onChange, signal) {
        // By name, through a field selector: all the node authorizer lets a kubelet watch.
        const inf = new Informer(this.#client, kind === 'Secret' ? secrets : configMaps, {
            namespace, fieldSelector: `metadata.name=${name}`, onError: this.#onError(this.#nodeName, `${kind.toLowerCase()} ${namespace}/${name} watch`),
        });
        const changed = () => {
            if (inf.hasSynced())
                onChange();
        };
        inf.addHandlers({ onAdd: changed, onUpdate: changed, onDelete: changed });
        void inf.run(signal);
    }
    async listServices() {
        if (!this.#services || this.#services.signal.aborted) {
            const signal = this.#lifetime && !this.#lifetime.aborted ? this.#lifetime : new AbortController().signal;
            const informer = this.#opts.services ?? new Informer(this.#client, services, { onError: this.#onError(this.#nodeName, 'service watch') });
            if (!this.#opts.services)
                void informer.run(signal);
            this.#services = { informer, signal };
        }
        const { informer } = this.#services;
        // As the kubelet: no container is started with its Service variables missing because they were never read.
        let timer;
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('services have not yet been read at least once, cannot construct envvars')), SERVICES_SYNC_MS);
        });
        try {
            await Promise.race([informer.waitForSync(), timeout]);
        }
        finally {
            clearTimeout(timer);
        }
        return informer.list();
    }
    async requestServiceAccountToken(namespace, name, spec) {
        const body = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, spec };
        const tr = await this.#client.create(serviceAccounts, namespace, body, { name, subresource: 'token' });
        if (!tr.status?.token)
            throw new Error(`no token in the answer to a token request for service account ${namespace}/${name}`);
        return tr.status;
    }
    recordEvent(pod, type, reason, message, fieldPath) {
        this.#events.event(pod, type, reason, message, { fieldPath });
    }
    async registerNode(node) {
        try {
            return await this.#client.create(nodes, undefined, node);
        }
        catch (e) {
            if (!isApiError(e, 'AlreadyExists'))
                throw e;
            return this.#client.patch(nodes, undefined, node.metadata.name, 'merge', { metadata: { labels: node.metadata.labels ?? {} } });
        }
    }
    async getNode(name) {
        return this.#client.get(nodes, undefined, name).catch((e) => (isApiError(e, 'NotFound') ? null : Promise.reject(e)));
    }
    async updateNodeStatus(name, status) {
        await this.#client.patch(nodes, undefined, name, 'merge', { status }, { subresource: 'status' });
    }
    async renewLease(lease) {
        const name = lease.metadata.name;
        try {
            await this.#client.update(leases, 'kube-node-lease', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', ...lease, metadata: { name, namespace: 'kube-node-lease' } });
        }
        catch (e) {
            if (!isApiError(e, 'NotFound'))
                throw e;
            await this.#client.create(leases, 'kube-node-lease', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', ...lease });
        }
    }
}
//# sourceMappingURL=cluster.js.map
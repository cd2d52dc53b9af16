// An in-memory KubeletCluster: enough of the API for the kubelet beneath it, with the test holding
// the pen (create, delete gracefully) and reading what the kubelet wrote (status, events, node, lease).
import { notFound } from '../src/api/errors.js';
export class FakeCluster {
    pods = new Map();
    events = [];
    configMaps = new Map();
    secrets = new Map();
    claims = new Map();
    volumes = new Map();
    statusPatches = [];
    /** The cluster's Services, as the test sets them. */
    services = [];
    node;
    lease;
    #handlers = new Set();
    #emit(type, pod) {
        for (const h of this.#handlers)
            h(type, structuredClone(pod));
    }
    async watchPods(nodeName, handler, signal) {
        const filtered = (t, p) => { if (p.spec.nodeName === nodeName)
            handler(t, p); };
        this.#handlers.add(filtered);
        signal.addEventListener('abort', () => this.#handlers.delete(filtered), { once: true });
        for (const p of this.pods.values())
            filtered('ADDED', structuredClone(p));
    }
    create(pod) {
        this.pods.set(pod.metadata.uid, pod);
        this.#emit('ADDED', pod);
    }
    /** What the API server does on DELETE with a grace period: mark, and let the kubelet finish. */
    markDeleted(uid, graceSeconds) {
        const pod = this.pods.get(uid);
        pod.metadata.deletionTimestamp = new Date().toISOString();
        pod.metadata.deletionGracePeriodSeconds = graceSeconds;
        this.#emit('MODIFIED', pod);
    }
    get(uid) {
        return this.pods.get(uid);
    }
    byName(namespace, name) {
        return [...this.pods.values()].find((p) => p.metadata.namespace === namespace && p.metadata.name === name);
    }
    /** A user's update of the Pod (labels, annotations): the kubelet sees it as MODIFIED. */
    update(pod) {
        this.pods.set(pod.metadata.uid, pod);
        this.#emit('MODIFIED', pod);
    }
    async patchPodStatus(_ns, _name, uid, status) {
        const pod = this.pods.get(uid);
        if (!pod)
            throw notFound('pods', _name);
        pod.status = structuredClone(status);
        this.statusPatches.push(pod.status);
        this.#emit('MODIFIED', pod);
    }
    /** As the API with a uid precondition: a Pod already gone, or replaced by another uid, is left alone. */
    async deletePod(_ns, _name, uid) {
        const pod = this.pods.get(uid);
        if (!pod)
            return;
        this.pods.delete(uid);
        this.#emit('DELETED', pod);
    }
    async listServices() {
        return structuredClone(this.services);
    }
    async getConfigMap(ns, name) {
        return this.configMaps.get(`${ns}/${name}`) ?? null;
    }
    async getSecret(ns, name) {
        return this.secrets.get(`${ns}/${name}`) ?? null;
    }
    async getPersistentVolumeClaim(ns, name) {
        return this.claims.get(`${ns}/${name}`) ?? null;
    }
    async getPersistentVolume(name) {
        return this.volumes.get(name) ?? null;
    }
    /** Every token request, in order; each answer is `token-<n>`, valid for the seconds asked from `now()`. */
    tokenRequests = [];
    now = Date.now;
    async requestServiceAccountToken(namespace, name, spec) {
        this.tokenRequests.push({ namespace, name, spec });
        return { token: `token-${this.tokenRequests.length}`, expirationTimestamp: new Date(this.now() + (spec.expirationSeconds ?? 3600) * 1000).toISOString() };
    }
    #objectWatches = new Map();
    watchObject(kind, ns, name, onChange, signal) {
        const key = `${kind}/${ns}/${name}`;
        const set = this.#objectWatches.get(key) ?? new Set();
        this.#objectWatches.set(key, set.add(onChange));
        signal.addEventListener('abort', () => set.delete(onChange), { once: true });
    }
    /** Replace (or, with null, delete) a ConfigMap or Secret and tell its watchers. */
    setObject(kind, ns, name, data) {
        const store = kind === 'Secret' ? this.secrets : this.configMaps;
        if (data)
            store.set(`${ns}/${name}`, data);
        else
            store.delete(`${ns}/${name}`);
        for (const f of this.#objectWatches.get(`${kind}/${ns}/${name}`) ?? [])
            f();
    }
    /** How many ConfigMaps and Secrets are watched now. */
    get objectWatchCount() {
        return [...this.#objectWatches.values()].reduce((n, s) => n + s.size, 0);
    }
    recordEvent(pod, type, reason, message, fieldPath) {
        const m = pod.metadata;
        this.events.push({ pod: m.name ?? '', namespace: m.namespace ?? 'default', uid: m.uid ?? '', type, reason, message, ...(fieldPath ? { fieldPath } : {}) });
    }
    /** As the agent's: create, or keep an existing Node (and its status) and only update its labels. */
    async registerNode(node) {
        this.node = this.node
            ? { ...this.node, metadata: { ...this.node.metadata, labels: structuredClone(node.metadata.labels) } }
            : { ...structuredClone(node), metadata: { ...node.metadata, uid: 'node-uid' } };
        return structuredClone(this.node);
    }
    async getNode(name) {
        return this.node?.metadata.name === name ? structuredClone(this.node) : null;
    }
    async updateNodeStatus(_name, status) {
        this.node.status = structuredClone(status);
    }
    async renewLease(lease) {
        this.lease = structuredClone(lease);
    }
    reasons(podName) {
        return this.events.filter((e) => e.pod === podName).map((e) => e.reason);
    }
}
//# sourceMappingURL=kubelet-fake-cluster.js.map
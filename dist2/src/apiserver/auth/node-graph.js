// The node authorizer's graph, as upstream keeps it: which node each bound Pod is on, and through
// those Pods which Secrets, ConfigMaps, claims and service accounts each node has reason to read.
// It is an index over the API server's Pod watch cache, updated in the same step that applies a
// Pod event and before any watcher (a kubelet) sees it, so a kubelet that reads a Secret right
// after its Pod arrives is never refused for want of an edge.
import { MIRROR_POD_ANNOTATION, visitPodReferences } from './pod-references.js';
function keyOf(resource, namespace, name) {
    return `${resource}\0${namespace}\0${name}`;
}
export class NodeGraph {
    /** Per Pod (by cache key): its node and the object keys it contributes. */
    #pods = new Map();
    /** Object key → node → how many of that node's Pods reference it. */
    #nodesOf = new Map();
    /**
     * The claim a PersistentVolume is bound to (its claimRef), read from the volumes' store: the volume's
     * edge to a node runs through that claim, as upstream's pv → pvc → pod path.
     */
    volumeClaim = () => undefined;
    reset(entries) {
        this.#pods.clear();
        this.#nodesOf.clear();
        for (const e of entries)
            this.#set(e.key, e.obj);
    }
    apply(ev) {
        if (ev.type === 'DELETED')
            this.#remove(ev.entry.key);
        else
            this.#set(ev.entry.key, ev.entry.obj);
    }
    /** Whether a PersistentVolume is bound to a claim one of the node's Pods names. */
    volumeRelated(node, volume) {
        const claim = this.volumeClaim(volume);
        return claim !== undefined && this.related(node, 'persistentvolumeclaims', claim.namespace, claim.name);
    }
    /** Whether a path leads from the object to the node: a Pod bound to it, or something such a Pod names. */
    related(node, resource, namespace, name) {
        return (this.#nodesOf.get(keyOf(resource, namespace, name))?.get(node) ?? 0) > 0;
    }
    #set(podKey, pod) {
        const node = pod.spec?.nodeName;
        // An unbound Pod gives no node anything.
        if (!node)
            return this.#remove(podKey);
        const ns = pod.metadata.namespace ?? '';
        const keys = [keyOf('pods', ns, pod.metadata.name ?? '')];
        // A mirror Pod is made by its node: it must never grant that node anything more than itself.
        if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] === undefined) {
            visitPodReferences(pod, (resource, name) => keys.push(keyOf(resource, ns, name)));
        }
        const before = this.#pods.get(podKey);
        if (before && before.node === node && before.keys.length === keys.length && before.keys.every((k, i) => k === keys[i]))
            return;
        this.#remove(podKey);
        this.#pods.set(podKey, { node, keys });
        for (const k of keys) {
            let nodes = this.#nodesOf.get(k);
            if (!nodes)
                this.#nodesOf.set(k, (nodes = new Map()));
            nodes.set(node, (nodes.get(node) ?? 0) + 1);
        }
    }
    #remove(podKey) {
        const edges = this.#pods.get(podKey);
        if (!edges)
            return;
        this.#pods.delete(podKey);
        for (const k of edges.keys) {
            const nodes = this.#nodesOf.get(k);
            const n = (nodes.get(edges.node) ?? 0) - 1;
            if (n > 0)
                nodes.set(edges.node, n);
            else
                nodes.delete(edges.node);
            if (nodes.size === 0)
                this.#nodesOf.delete(k);
        }
    }
}
//# sourceMappingURL=node-graph.js.map
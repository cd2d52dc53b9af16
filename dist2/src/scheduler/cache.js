// The scheduler's view of where Pods sit: bound Pods from the informer plus "assumed" Pods that this
// scheduler has decided on but whose binding the watch has not shown yet, so that decisions made in
// quick succession see each other.
import { NodeInfo } from './nodeinfo.js';
import { isTerminal, podInfo, podKey } from './podinfo.js';
export class SchedulerCache {
    #infos = new Map();
    #podNode = new Map();
    #assumed = new Set();
    #nodeList = null;
    /** Placed Pods with inter-Pod affinity terms, over every node. */
    affinityTotals = { withAffinity: 0, withRequiredAntiAffinity: 0 };
    /** The nodes that exist, in a stable order (for round-robin sampling). */
    nodes() {
        if (!this.#nodeList)
            this.#nodeList = [...this.#infos.values()].filter((i) => i.node !== undefined);
        return this.#nodeList;
    }
    node(name) {
        const info = this.#infos.get(name);
        return info?.node ? info : undefined;
    }
    setNode(node) {
        const name = node.metadata.name;
        const info = this.#info(name);
        if (!info.node)
            this.#nodeList = null;
        info.setNode(node);
    }
    removeNode(name) {
        const info = this.#infos.get(name);
        if (!info)
            return;
        info.setNode(undefined);
        this.#nodeList = null;
        if (info.pods.size === 0)
            this.#infos.delete(name);
    }
    /** A Pod as the informer shows it: counted on its node while bound and not terminal. */
    updatePod(pod) {
        const key = podKey(pod);
        const nodeName = pod.spec.nodeName;
        if (!nodeName || isTerminal(pod)) {
            // An assumed Pod the watch still shows unbound stays assumed until its binding shows up.
            if (!this.#assumed.has(key))
                this.removePod(key);
            return;
        }
        this.#assumed.delete(key);
        this.#place(key, nodeName, podInfo(pod));
    }
    removePod(key) {
        const nodeName = this.#podNode.get(key);
        if (nodeName === undefined)
            return;
        this.#podNode.delete(key);
        this.#assumed.delete(key);
        const info = this.#infos.get(nodeName);
        info?.removePod(key);
        if (info && !info.node && info.pods.size === 0)
            this.#infos.delete(nodeName);
    }
    assume(info, nodeName) {
        this.#assumed.add(info.key);
        this.#place(info.key, nodeName, info);
    }
    /** Undoes an assumption whose binding failed. */
    forget(key) {
        if (this.#assumed.has(key))
            this.removePod(key);
    }
    isAssumed(key) {
        return this.#assumed.has(key);
    }
    /** What the cache counts of a Pod, if it is placed. */
    podInfoOf(key) {
        const node = this.#podNode.get(key);
        return node === undefined ? undefined : this.#infos.get(node)?.pods.get(key);
    }
    /** The node a Pod is bound or assumed to. */
    nodeOf(key) {
        return this.#podNode.get(key);
    }
    #place(key, nodeName, info) {
        const prev = this.#podNode.get(key);
        if (prev !== undefined && prev !== nodeName)
            this.#infos.get(prev)?.removePod(key);
        this.#podNode.set(key, nodeName);
        this.#info(nodeName).addPod(info);
    }
    #info(name) {
        let info = this.#infos.get(name);
        if (!info)
            this.#infos.set(name, (info = new NodeInfo(name, this.affinityTotals)));
        return info;
    }
}
//# sourceMappingURL=cache.js.map
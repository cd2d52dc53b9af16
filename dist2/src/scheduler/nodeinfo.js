// Per-node aggregates kept up to date as Pods come and go, so a scheduling decision reads a handful of
// numbers per node instead of scanning the Pods bound to it.
import { parseQuantity, quantityMilliValue, quantityValue } from '../api/quantity.js';
import { isScalarResource } from './podinfo.js';
/** Bumped when something beyond a node's own Pods changes what a memo holds (namespace labels). */
let memoEpoch = 0;
export function forgetMemos() {
    memoEpoch++;
}
const interned = new Map();
/**
 * One string per memo id, so that the per-node lookups of one decision (thousands) compare by
 * identity; the table is dropped now and then, costing only a later miss.
 */
export function memoId(id) {
    let s = interned.get(id);
    if (s === undefined) {
        if (interned.size >= 10_000)
            interned.clear();
        interned.set(id, (s = id));
    }
    return s;
}
export class NodeInfo {
    name;
    node;
    allocatable = { cpu: 0, memory: 0, ephemeralStorage: 0, pods: 0, scalar: new Map() };
    ready = false;
    unschedulable = false;
    /** NoSchedule and NoExecute taints: the ones that keep Pods off. */
    hardTaints = [];
    labels = {};
    requested = { cpu: 0, memory: 0, ephemeralStorage: 0, scalar: new Map() };
    nonZeroRequested = { cpu: 0, memory: 0 };
    podCount = 0;
    pods = new Map();
    /** The Pods with any inter-Pod (anti-)affinity term, and those with a required anti-affinity term. */
    podsWithAffinity = new Map();
    podsWithRequiredAntiAffinity = new Map();
    usedPorts = new Map();
    /** Bumped whenever the Pods here change: it invalidates the memos. */
    #generation = 0;
    #memoGeneration = 0;
    #memoEpoch = 0;
    #memos = new Map();
    #totals;
    /** totals, when given, is the cache-wide count this node's Pods with affinity terms add to. */
    constructor(name, totals) {
        this.name = name;
        this.#totals = totals;
    }
    setNode(node) {
        this.node = node;
        if (!node)
            return;
        const a = node.status?.allocatable ?? node.status?.capacity ?? {};
        this.allocatable = {
            cpu: a.cpu ? quantityMilliValue(parseQuantity(a.cpu)) : 0,
            memory: a.memory ? quantityValue(parseQuantity(a.memory)) : 0,
            ephemeralStorage: a['ephemeral-storage'] ? quantityValue(parseQuantity(a['ephemeral-storage'])) : 0,
            pods: a.pods ? quantityValue(parseQuantity(a.pods)) : 0,
            scalar: scalarAmounts(a),
        };
        this.ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
        this.unschedulable = node.spec?.unschedulable === true;
        this.hardTaints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
        this.labels = node.metadata.labels ?? {};
    }
    addPod(p) {
        if (this.pods.has(p.key))
            this.removePod(p.key);
        this.pods.set(p.key, p);
        if (p.affinity) {
            this.podsWithAffinity.set(p.key, p);
            if (p.affinity.requiredAnti.length)
                this.podsWithRequiredAntiAffinity.set(p.key, p);
            this.#countAffinity(p, 1);
        }
        this.#account(p, 1);
    }
    removePod(key) {
        const p = this.pods.get(key);
        if (!p)
            return;
        this.pods.delete(key);
        if (p.affinity) {
            this.podsWithAffinity.delete(key);
            this.podsWithRequiredAntiAffinity.delete(key);
            this.#countAffinity(p, -1);
        }
        this.#account(p, -1);
    }
    #countAffinity(p, sign) {
        if (!this.#totals)
            return;
        this.#totals.withAffinity += sign;
        if (p.affinity.requiredAnti.length)
            this.#totals.withRequiredAntiAffinity += sign;
    }
    /**
     * A value computed from the Pods here, remembered until they change, so that a Deployment's next
     * replica does not rescan every node. `id` must name everything else the value depends on.
     */
    memo(id, compute) {
        const memos = this.#freshMemos();
        let v = memos.get(id);
        if (v === undefined)
            memos.set(id, (v = compute(this)));
        return v;
    }
    /** How many Pods here `matches` accepts (memoized under `id`). */
    countMatching(id, matches) {
        const memos = this.#freshMemos();
        let n = memos.get(id);
        if (n === undefined) {
            n = 0;
            for (const p of this.pods.values())
                if (matches(p))
                    n++;
            memos.set(id, n);
        }
        return n;
    }
    #freshMemos() {
        if (this.#memoGeneration !== this.#generation || this.#memoEpoch !== memoEpoch) {
            this.#memos.clear();
            this.#memoGeneration = this.#generation;
            this.#memoEpoch = memoEpoch;
        }
        return this.#memos;
    }
    #account(p, sign) {
        this.#generation++;
        this.requested.cpu += sign * p.requests.cpu;
        this.requested.memory += sign * p.requests.memory;
        this.requested.ephemeralStorage += sign * p.requests.ephemeralStorage;
        for (const [name, q] of p.requests.scalar)
            bump(this.requested.scalar, name, sign * q);
        this.nonZeroRequested.cpu += sign * p.nonZero.cpu;
        this.nonZeroRequested.memory += sign * p.nonZero.memory;
        this.podCount += sign;
        for (const hp of p.hostPorts)
            bump(this.usedPorts, portKey(hp), sign);
    }
    /** Whether a host port is taken: the same protocol and port on the same IP, or on 0.0.0.0 either side. */
    portInUse(hp) {
        if (this.usedPorts.size === 0)
            return false;
        if (this.usedPorts.has(portKey(hp)))
            return true;
        if (hp.ip === '0.0.0.0') {
            const suffix = `/${hp.protocol}/${hp.port}`;
            for (const k of this.usedPorts.keys())
                if (k.endsWith(suffix))
                    return true;
            return false;
        }
        return this.usedPorts.has(portKey({ ...hp, ip: '0.0.0.0' }));
    }
}
function scalarAmounts(list) {
    const out = new Map();
    for (const name in list) {
        if (!isScalarResource(name))
            continue;
        try {
            out.set(name, quantityValue(parseQuantity(list[name])));
        }
        catch {
            // a malformed amount offers nothing
        }
    }
    return out;
}
function portKey(hp) {
    return `${hp.ip}/${hp.protocol}/${hp.port}`;
}
function bump(m, k, by) {
    const n = (m.get(k) ?? 0) + by;
    if (n <= 0)
        m.delete(k);
    else
        m.set(k, n);
}
//# sourceMappingURL=nodeinfo.js.map
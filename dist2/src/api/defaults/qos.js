// A Pod's QoS class, computed as the kubelet and API server do: from the cpu and memory requests and
// limits of all its containers.
import { addQuantities, compareQuantities, parseQuantity } from '../quantity.js';
const QOS_RESOURCES = ['cpu', 'memory'];
/** Sums the positive cpu/memory amounts of one list into `into`; returns which resources were set. */
function addPositive(list, into) {
    const found = new Set();
    for (const name of QOS_RESOURCES) {
        const text = list?.[name];
        if (text === undefined)
            continue;
        const q = parseQuantity(String(text));
        if (q.nanos <= 0n)
            continue;
        found.add(name);
        const prev = into.get(name);
        into.set(name, prev ? addQuantities(prev, q) : q);
    }
    return found;
}
export function computeQOSClass(pod) {
    const requests = new Map();
    const limits = new Map();
    let guaranteed = true;
    // Pod-level resources, when given, stand for the containers' (as with the PodLevelResources gate on).
    const level = pod.spec?.resources;
    const owners = level ? [level] : [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c) => c.resources);
    for (const res of owners) {
        addPositive(res?.requests, requests);
        const limited = addPositive(res?.limits, limits);
        // Every owner must limit both cpu and memory for the pod to be Guaranteed.
        if (!QOS_RESOURCES.every((r) => limited.has(r)))
            guaranteed = false;
    }
    if (requests.size === 0 && limits.size === 0)
        return 'BestEffort';
    if (guaranteed) {
        for (const [name, req] of requests) {
            const lim = limits.get(name);
            if (!lim || compareQuantities(lim, req) !== 0)
                guaranteed = false;
        }
    }
    return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
//# sourceMappingURL=qos.js.map
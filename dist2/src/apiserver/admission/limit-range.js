// What upstream's LimitRanger admission plugin does to a created Pod: each Container item of the
// namespace's LimitRanges fills in the default limits and requests its containers leave out (noted in
// the kubernetes.io/limit-ranger annotation), then every item's min, max and maxLimitRequestRatio are
// checked, per container (Container) or summed over the Pod (Pod); breaches refuse it with 403.
import { forbidden } from '../../api/errors.js';
import { formatQuantity, parseQuantity } from '../../api/quantity.js';
import { containerAmount, podAmount } from '../../api/quota/usage.js';
const ANNOTATION = 'kubernetes.io/limit-ranger';
/** The Pod's containers, init ones first; admission runs before validation, so null entries are passed over. */
function allContainers(pod) {
    return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].filter((c) => c);
}
/** Fills what the container leaves out from the item's defaults; returns what it set, for the annotation. */
function applyDefaults(c, item) {
    const notes = [];
    const fill = (field, from, what) => {
        const set = [];
        for (const [k, v] of Object.entries(from ?? {})) {
            const res = (c.resources ??= {});
            const list = (res[field] ??= {});
            if (list[k] === undefined) {
                list[k] = v;
                set.push(k);
            }
        }
        if (set.length)
            notes.push(`${set.join(', ')} ${what} for container ${c.name}`);
    };
    fill('requests', item.defaultRequest, 'request');
    fill('limits', item.default, 'limit');
    return notes;
}
/** Upstream's min/max/ratio messages for one resource of one container (or Pod). */
function breaches(kind, item, observed) {
    const out = [];
    for (const [res, text] of Object.entries(item.min ?? {})) {
        const min = parseQuantity(String(text));
        const { request, limit } = observed(res);
        const shown = formatQuantity(min);
        if (!request)
            out.push(`minimum ${res} usage per ${kind} is ${shown}.  No request is specified`);
        else if (request.nanos < min.nanos)
            out.push(`minimum ${res} usage per ${kind} is ${shown}, but request is ${formatQuantity(request)}`);
        else if (limit && limit.nanos < min.nanos)
            out.push(`minimum ${res} usage per ${kind} is ${shown}, but limit is ${formatQuantity(limit)}`);
    }
    for (const [res, text] of Object.entries(item.max ?? {})) {
        const max = parseQuantity(String(text));
        const { request, limit } = observed(res);
        const shown = formatQuantity(max);
        if (!limit)
            out.push(`maximum ${res} usage per ${kind} is ${shown}.  No limit is specified`);
        else if (limit.nanos > max.nanos)
            out.push(`maximum ${res} usage per ${kind} is ${shown}, but limit is ${formatQuantity(limit)}`);
        else if (request && request.nanos > max.nanos)
            out.push(`maximum ${res} usage per ${kind} is ${shown}, but request is ${formatQuantity(request)}`);
    }
    for (const [res, text] of Object.entries(item.maxLimitRequestRatio ?? {})) {
        const ratio = parseQuantity(String(text));
        const { request, limit } = observed(res);
        const shown = formatQuantity(ratio);
        if (!request || request.nanos === 0n)
            out.push(`${res} max limit to request ratio per ${kind} is ${shown}, but no request is specified or request is 0`);
        else if (!limit || limit.nanos === 0n)
            out.push(`${res} max limit to request ratio per ${kind} is ${shown}, but no limit is specified or limit is 0`);
        else {
            const observedRatio = Number(limit.nanos) / Number(request.nanos);
            if (observedRatio > Number(ratio.nanos) / 1e9)
                out.push(`${res} max limit to request ratio per ${kind} is ${shown}, but provided ratio is ${observedRatio.toFixed(6)}`);
        }
    }
    return out;
}
/** The namespace's LimitRanges, as the Pod admission reads them. */
export class LimitRanges {
    #storage;
    constructor(storage) {
        this.#storage = storage;
    }
    #inNamespace(ns) {
        return [...this.#storage.cache.scan(`${this.#storage.cache.prefix}${ns}/`)].map((e) => e.obj);
    }
    /** Defaults then checks a Pod being created; throws Forbidden with every breach, as upstream aggregates them. */
    admitPod(pod) {
        const ranges = this.#inNamespace(pod.metadata.namespace ?? '');
        if (!ranges.length)
            return;
        const notes = [];
        for (const lr of ranges) {
            for (const item of lr.spec?.limits ?? []) {
                if (item.type === 'Container')
                    for (const c of allContainers(pod))
                        notes.push(...applyDefaults(c, item));
            }
        }
        if (notes.length)
            pod.metadata.annotations = { ...pod.metadata.annotations, [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
        const errs = [];
        for (const lr of ranges) {
            for (const item of lr.spec?.limits ?? []) {
                if (item.type === 'Container') {
                    for (const c of allContainers(pod))
                        errs.push(...breaches('Container', item, (res) => ({ request: containerAmount(c, 'requests', res), limit: containerAmount(c, 'limits', res) })));
                }
                else if (item.type === 'Pod') {
                    errs.push(...breaches('Pod', item, (res) => ({ request: podAmount(pod, 'requests', res), limit: podAmount(pod, 'limits', res) })));
                }
            }
        }
        if (errs.length)
            throw forbidden('pods', pod.metadata.name ?? '', errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
    }
}
//# sourceMappingURL=limit-range.js.map
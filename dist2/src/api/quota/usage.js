// What one object counts against a ResourceQuota, by quota resource name, as upstream's evaluators
// count it: every object is `count/<resource>[.<group>]`; the core kinds also have their short names
// (pods, services, …); a Pod adds its compute requests and limits (`requests.cpu`, `limits.memory`,
// and the bare `cpu`/`memory` that mean requests), a claim its requested storage. Terminal Pods count
// for nothing but `count/pods`, as upstream. A quota with scopes counts only the Pods in them.
import { addQuantities, compareQuantities, parseQuantity, quantityFromValue, subtractQuantities } from '../quantity.js';
import { computeQOSClass } from '../defaults/qos.js';
/** The core kinds whose object count also goes by their plural alone (`pods`, `secrets`). */
const LEGACY_COUNTS = new Set(['pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'replicationcontrollers', 'resourcequotas']);
/** Quota names a Pod's compute usage goes by, and which container field each reads. */
const COMPUTE = {
    cpu: { field: 'requests', resource: 'cpu' },
    memory: { field: 'requests', resource: 'memory' },
    'ephemeral-storage': { field: 'requests', resource: 'ephemeral-storage' },
    'requests.cpu': { field: 'requests', resource: 'cpu' },
    'requests.memory': { field: 'requests', resource: 'memory' },
    'requests.ephemeral-storage': { field: 'requests', resource: 'ephemeral-storage' },
    'limits.cpu': { field: 'limits', resource: 'cpu' },
    'limits.memory': { field: 'limits', resource: 'memory' },
    'limits.ephemeral-storage': { field: 'limits', resource: 'ephemeral-storage' },
};
const ONE = quantityFromValue(1);
export function countName(plural, group) {
    return group ? `count/${plural}.${group}` : `count/${plural}`;
}
export function isTerminalPod(pod) {
    return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}
function add(usage, name, q) {
    const prev = usage.get(name);
    usage.set(name, prev ? addQuantities(prev, q) : q);
}
export function containerAmount(c, field, resource) {
    const text = c.resources?.[field]?.[resource];
    return text === undefined ? undefined : parseQuantity(String(text));
}
/** A Pod's amount of one resource: its containers' sum, or an init container's if larger (they run alone). */
export function podAmount(pod, field, resource) {
    let sum;
    for (const c of pod.spec?.containers ?? []) {
        const q = containerAmount(c, field, resource);
        if (q)
            sum = sum ? addQuantities(sum, q) : q;
    }
    for (const c of pod.spec?.initContainers ?? []) {
        const q = containerAmount(c, field, resource);
        if (q && (!sum || compareQuantities(q, sum) > 0))
            sum = q;
    }
    return sum;
}
/** What obj (of the resource plural/group) uses, by quota resource name. */
export function usageOf(plural, group, obj) {
    const usage = new Map([[countName(plural, group), ONE]]);
    if (group !== '')
        return usage;
    if (plural === 'pods' && isTerminalPod(obj))
        return usage;
    if (LEGACY_COUNTS.has(plural))
        usage.set(plural, ONE);
    if (plural === 'pods') {
        for (const [name, { field, resource }] of Object.entries(COMPUTE)) {
            const q = podAmount(obj, field, resource);
            if (q)
                usage.set(name, q);
        }
    }
    else if (plural === 'services') {
        const spec = obj.spec;
        if (spec?.type === 'LoadBalancer')
            usage.set('services.loadbalancers', ONE);
        if (spec?.type === 'LoadBalancer' || spec?.type === 'NodePort')
            usage.set('services.nodeports', quantityFromValue(spec.ports?.length ?? 0));
    }
    else if (plural === 'persistentvolumeclaims') {
        const storage = obj.spec?.resources?.requests?.storage;
        if (storage !== undefined)
            usage.set('requests.storage', parseQuantity(String(storage)));
    }
    return usage;
}
/** What `after` uses beyond `before`: each amount that grew, by how much (an update's charge, as upstream's delta). */
export function usageIncrease(before, after) {
    const out = new Map();
    for (const [name, q] of after) {
        const was = before.get(name);
        if (!was) {
            if (q.nanos > 0n)
                out.set(name, q);
        }
        else if (compareQuantities(q, was) > 0)
            out.set(name, subtractQuantities(q, was));
    }
    return out;
}
/** Adds every amount of `more` into `into` (a namespace's total). */
export function addUsage(into, more) {
    for (const [name, q] of more)
        add(into, name, q);
}
/**
 * The compute resources a quota covers that some of the Pod's containers leave unset, each with those
 * containers' names: upstream refuses such a Pod, since its usage could not be counted.
 */
export function unspecifiedCompute(pod, hard) {
    const missing = new Map();
    if (isTerminalPod(pod))
        return missing;
    for (const name of hard) {
        const what = COMPUTE[name];
        if (!what)
            continue;
        const lacking = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].filter((c) => !containerAmount(c, what.field, what.resource)).map((c) => c.name);
        if (lacking.length)
            missing.set(name, lacking);
    }
    return missing;
}
/** The resource (plural, group) whose objects a quota resource name counts, or undefined for one berth cannot count. */
export function resourceCounted(quotaName) {
    if (quotaName in COMPUTE)
        return { plural: 'pods', group: '' };
    if (LEGACY_COUNTS.has(quotaName))
        return { plural: quotaName, group: '' };
    if (quotaName.startsWith('services.'))
        return { plural: 'services', group: '' };
    if (quotaName === 'requests.storage')
        return { plural: 'persistentvolumeclaims', group: '' };
    if (!quotaName.startsWith('count/'))
        return undefined;
    const rest = quotaName.slice('count/'.length);
    const dot = rest.indexOf('.');
    return dot < 0 ? { plural: rest, group: '' } : { plural: rest.slice(0, dot), group: rest.slice(dot + 1) };
}
/** Whether one scope (of spec.scopes, or a scopeSelector expression) takes in the Pod. */
function podInScope(pod, scope, operator = 'Exists', values = []) {
    const terminating = pod.spec?.activeDeadlineSeconds !== undefined && pod.spec.activeDeadlineSeconds !== null;
    switch (scope) {
        case 'Terminating':
            return terminating;
        case 'NotTerminating':
            return !terminating;
        case 'BestEffort':
            return computeQOSClass(pod) === 'BestEffort';
        case 'NotBestEffort':
            return computeQOSClass(pod) !== 'BestEffort';
        case 'PriorityClass': {
            const name = pod.spec?.priorityClassName;
            if (operator === 'Exists')
                return !!name;
            if (operator === 'DoesNotExist')
                return !name;
            if (operator === 'In')
                return !!name && values.includes(name);
            return !name || !values.includes(name); // NotIn
        }
        default:
            return false;
    }
}
/** Whether a quota's scopes take in obj: a scoped quota counts only Pods in every one of its scopes, as upstream's. */
export function quotaCovers(quota, plural, group, obj) {
    const scopes = quota.spec?.scopes ?? [];
    const selected = quota.spec?.scopeSelector?.matchExpressions ?? [];
    if (!scopes.length && !selected.length)
        return true;
    if (plural !== 'pods' || group !== '')
        return false;
    const pod = obj;
    return scopes.every((s) => podInScope(pod, s)) && selected.every((e) => podInScope(pod, e.scopeName, e.operator, e.values));
}
//# sourceMappingURL=usage.js.map
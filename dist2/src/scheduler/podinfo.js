// What the scheduler needs to know about a Pod, computed once per Pod object (informer objects are
// frozen and replaced on change, so a WeakMap keyed by the object is a safe memo).
import { parseQuantity, quantityMilliValue, quantityValue } from '../api/quantity.js';
import { compileAffinityTerm } from './podselectors.js';
import { compileSpreadConstraints } from './spreadconstraints.js';
const defaultCpuMilli = 100;
const defaultMemory = 200 * 1024 * 1024;
const memo = new WeakMap();
export function podKey(pod) {
    return `${pod.metadata.namespace}/${pod.metadata.name}`;
}
export function podInfo(pod) {
    let info = memo.get(pod);
    if (!info)
        memo.set(pod, (info = computePodInfo(pod)));
    return info;
}
function computePodInfo(pod) {
    const spec = pod.spec;
    const requests = withPodLevel(effectiveRequests(spec.containers, spec.initContainers ?? [], (c) => containerRequests(c)), spec.resources);
    const nz = withPodLevel(effectiveRequests(spec.containers, spec.initContainers ?? [], (c) => {
        const r = containerRequests(c);
        const asked = c.resources?.requests ?? {};
        return { ...r, cpu: 'cpu' in asked ? r.cpu : defaultCpuMilli, memory: 'memory' in asked ? r.memory : defaultMemory };
    }), spec.resources);
    const hostPorts = [];
    for (const c of spec.containers) {
        for (const p of c.ports ?? []) {
            if (p.hostPort)
                hostPorts.push({ protocol: p.protocol ?? 'TCP', ip: p.hostIP || '0.0.0.0', port: p.hostPort });
        }
    }
    const na = spec.affinity?.nodeAffinity;
    const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
    return {
        key: podKey(pod),
        namespace: pod.metadata.namespace ?? 'default',
        labels: pod.metadata.labels ?? {},
        deleting: pod.metadata.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null,
        priority: spec.priority ?? 0,
        controller: owner ? { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name } : undefined,
        nodeName: spec.nodeName,
        requests,
        nonZero: { cpu: nz.cpu, memory: nz.memory },
        hostPorts,
        tolerations: spec.tolerations ?? [],
        nodeSelector: spec.nodeSelector && Object.keys(spec.nodeSelector).length ? spec.nodeSelector : undefined,
        requiredTerms: na?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
        preferredTerms: na?.preferredDuringSchedulingIgnoredDuringExecution ?? [],
        affinity: affinityOf(pod),
        spread: compileSpreadConstraints(pod),
        claims: (spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim?.claimName ? [v.persistentVolumeClaim.claimName] : [])),
    };
}
function affinityOf(pod) {
    const { podAffinity: a, podAntiAffinity: anti } = pod.spec.affinity ?? {};
    if (!a && !anti)
        return undefined;
    const required = (p) => (p?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileAffinityTerm(t, pod));
    const preferred = (p) => (p?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ weight: w.weight, term: compileAffinityTerm(w.podAffinityTerm, pod) }));
    const info = { required: required(a), requiredAnti: required(anti), preferred: preferred(a), preferredAnti: preferred(anti) };
    return info.required.length || info.requiredAnti.length || info.preferred.length || info.preferredAnti.length ? info : undefined;
}
const containerRequests = (c) => requestsOf(c.resources);
const noScalar = new Map();
function requestsOf(res) {
    // Kubernetes defaults requests to limits; do the same in case the Pod came without defaults.
    const r = { ...res?.limits, ...res?.requests };
    let scalar;
    for (const name in r) {
        if (isScalarResource(name))
            (scalar ??= new Map()).set(name, quantityValue(parseQuantity(r[name])));
    }
    return {
        cpu: r.cpu ? quantityMilliValue(parseQuantity(r.cpu)) : 0,
        memory: r.memory ? quantityValue(parseQuantity(r.memory)) : 0,
        ephemeralStorage: r['ephemeral-storage'] ? quantityValue(parseQuantity(r['ephemeral-storage'])) : 0,
        scalar: scalar ?? noScalar,
    };
}
/** Every resource but cpu, memory, ephemeral-storage and pods is counted by name. */
export function isScalarResource(name) {
    return name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage' && name !== 'pods';
}
/** Init containers run one at a time before the others: the Pod needs the larger of their peak and the sum. */
function effectiveRequests(containers, inits, of) {
    const sum = { cpu: 0, memory: 0, ephemeralStorage: 0, scalar: noScalar };
    let scalar;
    for (const c of containers) {
        const r = of(c);
        sum.cpu += r.cpu;
        sum.memory += r.memory;
        sum.ephemeralStorage += r.ephemeralStorage;
        for (const [name, q] of r.scalar)
            (scalar ??= new Map()).set(name, (scalar.get(name) ?? 0) + q);
    }
    for (const c of inits) {
        const r = of(c);
        sum.cpu = Math.max(sum.cpu, r.cpu);
        sum.memory = Math.max(sum.memory, r.memory);
        sum.ephemeralStorage = Math.max(sum.ephemeralStorage, r.ephemeralStorage);
        for (const [name, q] of r.scalar)
            (scalar ??= new Map()).set(name, Math.max(scalar.get(name) ?? 0, q));
    }
    return scalar ? { ...sum, scalar } : sum;
}
/** Pod-level cpu and memory (PodLevelResources), when set, stand for what the containers ask. */
function withPodLevel(sum, level) {
    if (!level)
        return sum;
    const asked = { ...level.limits, ...level.requests };
    const r = requestsOf(level);
    return { ...sum, ...('cpu' in asked ? { cpu: r.cpu } : {}), ...('memory' in asked ? { memory: r.memory } : {}) };
}
/** Succeeded and Failed Pods hold no resources. */
export function isTerminal(pod) {
    return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}
//# sourceMappingURL=podinfo.js.map
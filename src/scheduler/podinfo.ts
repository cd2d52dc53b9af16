// What the scheduler needs to know about a Pod, computed once per Pod object (informer objects are
// frozen and replaced on change, so a WeakMap keyed by the object is a safe memo).

import { parseQuantity, quantityMilliValue, quantityValue } from '../api/quantity.js';
import type { Container, NodeSelectorTerm, Pod, PodAffinity, ResourceRequirements, Toleration } from '../api/types.js';
import { compileAffinityTerm, type AffinityTerm, type Labels, type WeightedAffinityTerm } from './podselectors.js';
import { compileSpreadConstraints, type SpreadConstraint } from './spreadconstraints.js';

export interface Resources {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
  /** bytes */
  ephemeralStorage: number;
  /** Extended resources, hugepages and the like, by name: what NodeResourcesFit calls scalar resources. */
  scalar: ReadonlyMap<string, number>;
}

/** The Pod's inter-Pod affinity, compiled; undefined on the (usual) Pod that has none. */
export interface PodAffinityInfo {
  required: readonly AffinityTerm[];
  requiredAnti: readonly AffinityTerm[];
  preferred: readonly WeightedAffinityTerm[];
  preferredAnti: readonly WeightedAffinityTerm[];
}

export interface HostPort { protocol: string; ip: string; port: number }

export interface PodInfo {
  key: string;
  namespace: string;
  labels: Labels;
  /** Being deleted: topology spreading no longer counts it. */
  deleting: boolean;
  /** spec.priority (0 unset): preemption picks its victims below the preemptor's. */
  priority: number;
  /** The controller owner, for the default topology spread selector. */
  controller: { apiVersion: string; kind: string; name: string } | undefined;
  /** A node the Pod's author asked for by name. */
  nodeName: string | undefined;
  requests: Resources;
  /** Requests with upstream's defaults for containers that ask for nothing (100m CPU, 200Mi), used only
   *  for scoring so that request-less Pods still spread instead of piling onto one node. */
  nonZero: { cpu: number; memory: number };
  hostPorts: HostPort[];
  tolerations: readonly Toleration[];
  nodeSelector: Readonly<Record<string, string>> | undefined;
  requiredTerms: readonly NodeSelectorTerm[] | undefined;
  preferredTerms: readonly { weight: number; preference: NodeSelectorTerm }[];
  affinity: PodAffinityInfo | undefined;
  /** topologySpreadConstraints as written (empty: the cluster's defaults may apply). */
  spread: readonly SpreadConstraint[];
  /** The PersistentVolumeClaims its volumes name (none on most Pods). */
  claims: readonly string[];
}

const defaultCpuMilli = 100;
const defaultMemory = 200 * 1024 * 1024;

const memo = new WeakMap<Pod, PodInfo>();

export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

export function podInfo(pod: Pod): PodInfo {
  let info = memo.get(pod);
  if (!info) memo.set(pod, (info = computePodInfo(pod)));
  return info;
}

function computePodInfo(pod: Pod): PodInfo {
  const spec = pod.spec;
  const requests = withPodLevel(effectiveRequests(spec.containers, spec.initContainers ?? [], (c) => containerRequests(c)), spec.resources);
  const nz = withPodLevel(effectiveRequests(spec.containers, spec.initContainers ?? [], (c) => {
    const r = containerRequests(c);
    const asked = c.resources?.requests ?? {};
    return { ...r, cpu: 'cpu' in asked ? r.cpu : defaultCpuMilli, memory: 'memory' in asked ? r.memory : defaultMemory };
  }), spec.resources);
  const hostPorts: HostPort[] = [];
  for (const c of spec.containers) {
    for (const p of c.ports ?? []) {
      if (p.hostPort) hostPorts.push({ protocol: p.protocol ?? 'TCP', ip: p.hostIP || '0.0.0.0', port: p.hostPort });
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

function affinityOf(pod: Pod): PodAffinityInfo | undefined {
  const { podAffinity: a, podAntiAffinity: anti } = pod.spec.affinity ?? {};
  if (!a && !anti) return undefined;
  const required = (p: PodAffinity | undefined) => (p?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileAffinityTerm(t, pod));
  const preferred = (p: PodAffinity | undefined) =>
    (p?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => ({ weight: w.weight, term: compileAffinityTerm(w.podAffinityTerm, pod) }));
  const info = { required: required(a), requiredAnti: required(anti), preferred: preferred(a), preferredAnti: preferred(anti) };
  return info.required.length || info.requiredAnti.length || info.preferred.length || info.preferredAnti.length ? info : undefined;
}

const containerRequests = (c: Container): Resources => requestsOf(c.resources);

const noScalar: ReadonlyMap<string, number> = new Map();

function requestsOf(res: ResourceRequirements | undefined): Resources {
  // Kubernetes defaults requests to limits; do the same in case the Pod came without defaults.
  const r = { ...res?.limits, ...res?.requests };
  let scalar: Map<string, number> | undefined;
  for (const name in r) {
    if (isScalarResource(name)) (scalar ??= new Map()).set(name, quantityValue(parseQuantity(r[name]!)));
  }
  return {
    cpu: r.cpu ? quantityMilliValue(parseQuantity(r.cpu)) : 0,
    memory: r.memory ? quantityValue(parseQuantity(r.memory)) : 0,
    ephemeralStorage: r['ephemeral-storage'] ? quantityValue(parseQuantity(r['ephemeral-storage'])) : 0,
    scalar: scalar ?? noScalar,
  };
}

/** Every resource but cpu, memory, ephemeral-storage and pods is counted by name. */
export function isScalarResource(name: string): boolean {
  return name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage' && name !== 'pods';
}

/** Init containers run one at a time before the others: the Pod needs the larger of their peak and the sum. */
function effectiveRequests(containers: Container[], inits: Container[], of: (c: Container) => Resources): Resources {
  const sum = { cpu: 0, memory: 0, ephemeralStorage: 0, scalar: noScalar };
  let scalar: Map<string, number> | undefined;
  for (const c of containers) {
    const r = of(c);
    sum.cpu += r.cpu;
    sum.memory += r.memory;
    sum.ephemeralStorage += r.ephemeralStorage;
    for (const [name, q] of r.scalar) (scalar ??= new Map()).set(name, (scalar.get(name) ?? 0) + q);
  }
  for (const c of inits) {
    const r = of(c);
    sum.cpu = Math.max(sum.cpu, r.cpu);
    sum.memory = Math.max(sum.memory, r.memory);
    sum.ephemeralStorage = Math.max(sum.ephemeralStorage, r.ephemeralStorage);
    for (const [name, q] of r.scalar) (scalar ??= new Map()).set(name, Math.max(scalar.get(name) ?? 0, q));
  }
  return scalar ? { ...sum, scalar } : sum;
}

/** Pod-level cpu and memory (PodLevelResources), when set, stand for what the containers ask. */
function withPodLevel(sum: Resources, level: ResourceRequirements | undefined): Resources {
  if (!level) return sum;
  const asked = { ...level.limits, ...level.requests };
  const r = requestsOf(level);
  return { ...sum, ...('cpu' in asked ? { cpu: r.cpu } : {}), ...('memory' in asked ? { memory: r.memory } : {}) };
}

/** Succeeded and Failed Pods hold no resources. */
export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

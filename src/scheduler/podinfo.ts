// What the scheduler needs to know about a Pod, computed once per Pod object (informer objects are
// frozen and replaced on change, so a WeakMap keyed by the object is a safe memo).

import { parseQuantity, quantityMilliValue, quantityValue } from '../api/quantity.js';
import type { Container, NodeSelectorTerm, Pod, ResourceRequirements, Toleration } from '../api/types.js';

export interface Resources {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
  /** bytes */
  ephemeralStorage: number;
}

export interface HostPort { protocol: string; ip: string; port: number }

export interface PodInfo {
  key: string;
  /** A node the Pod's author asked for by name. */
  nodeName: string | undefined;
  requests: Resources;
  /** Requests with upstream's defaults for containers that ask for nothing (100m CPU, 200Mi), used only
   *  for scoring so that request-less Pods still spread instead of piling onto one node. */
  nonZero: { cpu: number; memory: number };
  hostPorts: HostPort[];
  /** Pods with the same key are spread apart: the controller owner's uid, else the label set. */
  spreadKey: string | undefined;
  tolerations: readonly Toleration[];
  nodeSelector: Readonly<Record<string, string>> | undefined;
  requiredTerms: readonly NodeSelectorTerm[] | undefined;
  preferredTerms: readonly { weight: number; preference: NodeSelectorTerm }[];
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
  return {
    key: podKey(pod),
    nodeName: spec.nodeName,
    requests,
    nonZero: { cpu: nz.cpu, memory: nz.memory },
    hostPorts,
    spreadKey: spreadKeyOf(pod),
    tolerations: spec.tolerations ?? [],
    nodeSelector: spec.nodeSelector && Object.keys(spec.nodeSelector).length ? spec.nodeSelector : undefined,
    requiredTerms: na?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
    preferredTerms: na?.preferredDuringSchedulingIgnoredDuringExecution ?? [],
  };
}

const containerRequests = (c: Container): Resources => requestsOf(c.resources);

function requestsOf(res: ResourceRequirements | undefined): Resources {
  // Kubernetes defaults requests to limits; do the same in case the Pod came without defaults.
  const r = { ...res?.limits, ...res?.requests };
  return {
    cpu: r.cpu ? quantityMilliValue(parseQuantity(r.cpu)) : 0,
    memory: r.memory ? quantityValue(parseQuantity(r.memory)) : 0,
    ephemeralStorage: r['ephemeral-storage'] ? quantityValue(parseQuantity(r['ephemeral-storage'])) : 0,
  };
}

/** Init containers run one at a time before the others: the Pod needs the larger of their peak and the sum. */
function effectiveRequests(containers: Container[], inits: Container[], of: (c: Container) => Resources): Resources {
  const sum: Resources = { cpu: 0, memory: 0, ephemeralStorage: 0 };
  for (const c of containers) {
    const r = of(c);
    sum.cpu += r.cpu;
    sum.memory += r.memory;
    sum.ephemeralStorage += r.ephemeralStorage;
  }
  for (const c of inits) {
    const r = of(c);
    sum.cpu = Math.max(sum.cpu, r.cpu);
    sum.memory = Math.max(sum.memory, r.memory);
    sum.ephemeralStorage = Math.max(sum.ephemeralStorage, r.ephemeralStorage);
  }
  return sum;
}

/** Pod-level cpu and memory (PodLevelResources), when set, stand for what the containers ask. */
function withPodLevel(sum: Resources, level: ResourceRequirements | undefined): Resources {
  if (!level) return sum;
  const asked = { ...level.limits, ...level.requests };
  const r = requestsOf(level);
  return { ...sum, ...('cpu' in asked ? { cpu: r.cpu } : {}), ...('memory' in asked ? { memory: r.memory } : {}) };
}

function spreadKeyOf(pod: Pod): string | undefined {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (owner) return `owner:${owner.uid}`;
  const labels = pod.metadata.labels;
  if (!labels || !Object.keys(labels).length) return undefined;
  return `labels:${JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
}

/** Succeeded and Failed Pods hold no resources. */
export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

// Filter plugins: each says whether a Pod may go to a node and, if not, why in Kubernetes' words.
// "Unresolvable" failures are ones evicting other Pods could not fix; they shape the preemption part
// of the FailedScheduling message. Passing returns null and allocates nothing: this is the hot path.

import { tolerates } from '../api/taints.js';
import { matchesAnyTerm, matchesNodeSelector } from './affinity.js';
import type { NodeInfo } from './nodeinfo.js';
import type { PodInfo } from './podinfo.js';

export interface FilterFailure {
  plugin: string;
  reasons: string[];
  unresolvable: boolean;
}

export interface FilterPlugin {
  name: string;
  filter(pod: PodInfo, node: NodeInfo): FilterFailure | null;
}

const fail = (plugin: string, unresolvable: boolean, ...reasons: string[]): FilterFailure => ({ plugin, reasons, unresolvable });

export const nodeReady: FilterPlugin = {
  name: 'NodeReady',
  filter: (_pod, node) => (node.ready ? null : fail('NodeReady', true, 'node(s) were not ready')),
};

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter: (pod, node) => {
    if (!node.unschedulable) return null;
    const tolerated = pod.tolerations.some((t) => tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }));
    return tolerated ? null : fail('NodeUnschedulable', true, 'node(s) were unschedulable');
  },
};

/** A Pod that names its node may only go there. */
export const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter: (pod, node) => (pod.nodeName === undefined || pod.nodeName === node.name ? null : fail('NodeName', true, "node(s) didn't match the requested node name")),
};

export const taintToleration: FilterPlugin = {
  name: 'TaintToleration',
  filter: (pod, node) => {
    for (const taint of node.hardTaints) {
      if (!pod.tolerations.some((t) => tolerates(t, taint))) {
        return fail('TaintToleration', true, `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
      }
    }
    return null;
  },
};

export const nodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  filter: (pod, node) => {
    const ok = (!pod.nodeSelector || matchesNodeSelector(pod.nodeSelector, node.labels)) &&
      (!pod.requiredTerms || matchesAnyTerm(pod.requiredTerms, node.labels, node.name));
    return ok ? null : fail('NodeAffinity', true, "node(s) didn't match Pod's node affinity/selector");
  },
};

export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  filter: (pod, node) => {
    for (const hp of pod.hostPorts) {
      if (node.portInUse(hp)) return fail('NodePorts', false, "node(s) didn't have free ports for the requested pod ports");
    }
    return null;
  },
};

export const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter: (pod, node) => {
    const a = node.allocatable;
    const r = node.requested;
    const q = pod.requests;
    const tooMany = node.podCount + 1 > a.pods;
    const cpu = q.cpu > 0 && r.cpu + q.cpu > a.cpu;
    const mem = q.memory > 0 && r.memory + q.memory > a.memory;
    const eph = q.ephemeralStorage > 0 && r.ephemeralStorage + q.ephemeralStorage > a.ephemeralStorage;
    if (!tooMany && !cpu && !mem && !eph) return null;
    const reasons: string[] = [];
    if (tooMany) reasons.push('Too many pods');
    if (cpu) reasons.push('Insufficient cpu');
    if (mem) reasons.push('Insufficient memory');
    if (eph) reasons.push('Insufficient ephemeral-storage');
    return { plugin: 'NodeResourcesFit', reasons, unresolvable: false };
  },
};

/** In upstream's order: cheap, unresolvable checks first. */
export const defaultFilters: readonly FilterPlugin[] = [nodeReady, nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit];


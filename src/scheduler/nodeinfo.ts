// Per-node aggregates kept up to date as Pods come and go, so a scheduling decision reads a handful of
// numbers per node instead of scanning the Pods bound to it.

import { parseQuantity, quantityMilliValue, quantityValue } from '../api/quantity.js';
import type { Node, Taint } from '../api/types.js';
import type { HostPort, PodInfo } from './podinfo.js';

export interface Allocatable { cpu: number; memory: number; ephemeralStorage: number; pods: number }

export class NodeInfo {
  readonly name: string;
  node: Node | undefined;
  allocatable: Allocatable = { cpu: 0, memory: 0, ephemeralStorage: 0, pods: 0 };
  ready = false;
  unschedulable = false;
  /** NoSchedule and NoExecute taints: the ones that keep Pods off. */
  hardTaints: readonly Taint[] = [];
  labels: Readonly<Record<string, string>> = {};

  requested = { cpu: 0, memory: 0, ephemeralStorage: 0 };
  nonZeroRequested = { cpu: 0, memory: 0 };
  podCount = 0;
  readonly pods = new Map<string, PodInfo>();
  readonly usedPorts = new Map<string, number>();
  readonly spreadCounts = new Map<string, number>();

  constructor(name: string) {
    this.name = name;
  }

  setNode(node: Node | undefined): void {
    this.node = node;
    if (!node) return;
    const a = node.status?.allocatable ?? node.status?.capacity ?? {};
    this.allocatable = {
      cpu: a.cpu ? quantityMilliValue(parseQuantity(a.cpu)) : 0,
      memory: a.memory ? quantityValue(parseQuantity(a.memory)) : 0,
      ephemeralStorage: a['ephemeral-storage'] ? quantityValue(parseQuantity(a['ephemeral-storage'])) : 0,
      pods: a.pods ? quantityValue(parseQuantity(a.pods)) : 0,
    };
    this.ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    this.unschedulable = node.spec?.unschedulable === true;
    this.hardTaints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    this.labels = node.metadata.labels ?? {};
  }

  addPod(p: PodInfo): void {
    if (this.pods.has(p.key)) this.removePod(p.key);
    this.pods.set(p.key, p);
    this.#account(p, 1);
  }

  removePod(key: string): void {
    const p = this.pods.get(key);
    if (!p) return;
    this.pods.delete(key);
    this.#account(p, -1);
  }

  #account(p: PodInfo, sign: 1 | -1): void {
    this.requested.cpu += sign * p.requests.cpu;
    this.requested.memory += sign * p.requests.memory;
    this.requested.ephemeralStorage += sign * p.requests.ephemeralStorage;
    this.nonZeroRequested.cpu += sign * p.nonZero.cpu;
    this.nonZeroRequested.memory += sign * p.nonZero.memory;
    this.podCount += sign;
    for (const hp of p.hostPorts) bump(this.usedPorts, portKey(hp), sign);
    if (p.spreadKey) bump(this.spreadCounts, p.spreadKey, sign);
  }

  /** Whether a host port is taken: the same protocol and port on the same IP, or on 0.0.0.0 either side. */
  portInUse(hp: HostPort): boolean {
    if (this.usedPorts.size === 0) return false;
    if (this.usedPorts.has(portKey(hp))) return true;
    if (hp.ip === '0.0.0.0') {
      const suffix = `/${hp.protocol}/${hp.port}`;
      for (const k of this.usedPorts.keys()) if (k.endsWith(suffix)) return true;
      return false;
    }
    return this.usedPorts.has(portKey({ ...hp, ip: '0.0.0.0' }));
  }
}

function portKey(hp: HostPort): string {
  return `${hp.ip}/${hp.protocol}/${hp.port}`;
}

function bump(m: Map<string, number>, k: string, by: number): void {
  const n = (m.get(k) ?? 0) + by;
  if (n <= 0) m.delete(k);
  else m.set(k, n);
}

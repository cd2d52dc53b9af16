// The CPU and memory each node, Pod and container uses now, from the kubelets' summaries: memory is the
// working set as read; CPU is a rate of the cumulative counters between two scrapes (metrics-server's
// way), so it means the same whatever the kubelets' own sampling. A first request, with nothing to
// measure against yet, scrapes twice a second apart; concurrent requests share one scrape.

import type { Node } from '../../api/types.js';
import type { CPUStats } from '../../api/stats.js';
import { RateTracker } from '../../util/rate.js';
import type { NodeSummary } from './summaries.js';

export interface Usage {
  /** CPU in nanocores. */
  cpu: number;
  /** Memory working set in bytes. */
  memory: number;
  /** The end of the window measured over, and its length (ms). */
  timestamp: number;
  windowMs: number;
}

export interface PodUsage {
  uid: string;
  timestamp: number;
  windowMs: number;
  containers: { name: string; usage: Usage }[];
}

export interface UsageSnapshot {
  nodes: Map<string, Usage>;
  /** By `namespace/name`. */
  pods: Map<string, PodUsage>;
}

export interface ResourceUsageOptions {
  nodes: () => Node[];
  scrape: (nodes: readonly Node[]) => Promise<NodeSummary[]>;
  sleep?: (ms: number) => Promise<void>;
  minWindowMs?: number;
}

export class ResourceUsage {
  readonly #o: ResourceUsageOptions;
  readonly #rates: RateTracker;
  #inflight?: Promise<UsageSnapshot>;

  constructor(o: ResourceUsageOptions) {
    this.#o = o;
    this.#rates = new RateTracker({ minWindowMs: o.minWindowMs ?? 1_000 });
  }

  /** The usage now; shares a scrape already under way. */
  snapshot(): Promise<UsageSnapshot> {
    this.#inflight ??= this.#collect().finally(() => (this.#inflight = undefined));
    return this.#inflight;
  }

  async #collect(): Promise<UsageSnapshot> {
    const nodes = this.#o.nodes();
    let summaries = await this.#o.scrape(nodes);
    let snap = this.#measure(summaries);
    if (snap.unrated) {
      // Something has no earlier sample to measure against (a new Pod, or the first request at all).
      await (this.#o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(this.#rates.minWindowMs);
      summaries = await this.#o.scrape(nodes);
      snap = this.#measure(summaries);
    }
    this.#rates.prune(Date.now() - this.#rates.maxWindowMs);
    return snap;
  }

  #measure(summaries: NodeSummary[]): UsageSnapshot & { unrated: boolean } {
    const out: UsageSnapshot & { unrated: boolean } = { nodes: new Map(), pods: new Map(), unrated: false };
    const usage = (key: string, cpu: CPUStats, workingSet: number): Usage | undefined => {
      const at = Date.parse(cpu.time);
      const rate = this.#rates.observe(key, at, cpu.usageCoreNanoSeconds);
      if (!rate) out.unrated = true;
      return rate && { cpu: Math.max(0, Math.round(rate.perSecond)), memory: workingSet, timestamp: at, windowMs: rate.windowMs };
    };
    for (const { node, summary } of summaries) {
      const n = usage(`node/${node}`, summary.node.cpu, summary.node.memory.workingSetBytes);
      if (n) out.nodes.set(node, n);
      for (const p of summary.pods ?? []) {
        const containers: PodUsage['containers'] = [];
        for (const c of p.containers ?? []) {
          const u = usage(`pod/${p.podRef.uid}/${c.name}`, c.cpu, c.memory.workingSetBytes);
          if (u) containers.push({ name: c.name, usage: u });
        }
        // As metrics-server: a Pod is reported only when every container it runs has a figure.
        if (containers.length && containers.length === p.containers.length) {
          const first = containers[0]!.usage;
          out.pods.set(`${p.podRef.namespace}/${p.podRef.name}`, { uid: p.podRef.uid, timestamp: first.timestamp, windowMs: first.windowMs, containers });
        }
      }
    }
    return out;
  }
}

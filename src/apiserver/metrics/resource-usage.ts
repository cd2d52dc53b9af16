// The CPU and memory each node, Pod and container uses now, from the kubelets' summaries: memory is the
// working set as read; CPU is a rate of the cumulative counters between two scrapes (metrics-server's
// way), so it means the same whatever the kubelets' own sampling. A cold start (a node with nothing to
// measure against: the first request, or the first after a long quiet) scrapes twice a second apart;
// a Pod new since the last scrape shows from the next one, as metrics-server shows it after two of its
// own. Concurrent requests share one scrape.

import type { Node } from '../../api/types.js';
import type { CPUStats } from '../../api/stats.js';
import { RateTracker } from '../../util/rate.js';
import type { NodeSummary } from './summaries.js';
import { sleep } from '../../util/sleep.js';

const FORGET_AFTER_MS = 600_000;

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
  nodes: () => Promise<Node[]>;
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
    const nodes = await this.#o.nodes();
    let summaries = await this.#o.scrape(nodes);
    let snap = this.#measure(summaries);
    if (snap.cold) {
      await (this.#o.sleep ?? sleep)(this.#rates.minWindowMs);
      summaries = await this.#o.scrape(nodes);
      snap = this.#measure(summaries);
    }
    // Series not seen for ten minutes are gone (by the kubelets' clocks, which the samples carry, with
    // room for the nodes' clocks to differ).
    this.#rates.prune(snap.latest - FORGET_AFTER_MS);
    return snap;
  }

  #measure(summaries: NodeSummary[]): UsageSnapshot & { cold: boolean; latest: number } {
    const out: UsageSnapshot & { cold: boolean; latest: number } = { nodes: new Map(), pods: new Map(), cold: false, latest: 0 };
    const usage = (key: string, cpu: CPUStats, workingSet: number): Usage | undefined => {
      const at = Date.parse(cpu.time);
      out.latest = Math.max(out.latest, at);
      const rate = this.#rates.observe(key, at, cpu.usageCoreNanoSeconds);
      return rate && { cpu: Math.max(0, Math.round(rate.perSecond)), memory: workingSet, timestamp: at, windowMs: rate.windowMs };
    };
    for (const { node, summary } of summaries) {
      const n = usage(`node/${node}`, summary.node.cpu, summary.node.memory.workingSetBytes);
      if (n) out.nodes.set(node, n);
      else out.cold = true;
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

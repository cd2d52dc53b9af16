// The node's Service proxy: watches Services and EndpointSlices and keeps the kernel's nftables table
// `ip <table>` equal to what they ask for. Changes are coalesced: a sync waits for a short quiet spell
// after the last change (but no longer than a bound after the first), and whatever arrives while a
// sync runs is folded into the next, so a burst of a thousand endpoint updates costs one or two `nft`
// runs. On stop the rules stay in place, as kube-proxy leaves
// them; `berth killall` removes the table, and a start replaces whatever a previous run left.

import type { EndpointSlice, Service } from '../api/types.js';
import { Informer } from '../client/informer.js';
import { endpointSlices, services } from '../client/resources.js';
import type { RestClient } from '../client/rest.js';
import { applyNft, ensureBridgeNetfilter } from './nft.js';
import { buildRuleset, transaction, type ProxyNode, type Ruleset } from './ruleset.js';
import { servicePorts } from './servicePorts.js';

export interface ProxierOptions extends ProxyNode {
  client: RestClient;
  nodeName: string;
  /** The nftables table (family ip) this proxy owns. */
  table: string;
  log: (line: string) => void;
  /** Quiet time after a change before the sync that applies it (default 50 ms)… */
  delayMs?: number;
  /** …but no longer than this after the first change not yet applied (default 250 ms). */
  maxDelayMs?: number;
  /** Wait before retrying a sync the kernel refused (default 1 s), doubled on each failure in a row up to 30 s. */
  retryMs?: number;
  /** Runs an nftables program; `nft -f -` by default. */
  apply?: (program: string) => Promise<void>;
}

export class Proxier {
  readonly #o: ProxierOptions;
  readonly #services: Informer<Service>;
  readonly #slices: Informer<EndpointSlice>;
  readonly #apply: (program: string) => Promise<void>;
  /** What the kernel holds after the last successful sync; undefined forces a full replacement. */
  #applied: { ruleset: Ruleset; program: string } | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** When the oldest change not yet applied arrived (0: none pending). */
  #pendingSince = 0;
  #running = false;
  #dirty = false;
  #stopped = false;
  #syncs = 0;
  #failures = 0;

  constructor(o: ProxierOptions) {
    this.#o = o;
    this.#apply = o.apply ?? applyNft;
    const onError = (e: unknown): void => o.log(`watch: ${(e as Error).message}`);
    this.#services = new Informer<Service>(o.client, services, { onError });
    this.#slices = new Informer<EndpointSlice>(o.client, endpointSlices, { onError });
  }

  /** Number of syncs that reached the kernel, for tests and benchmarks. */
  get syncs(): number {
    return this.#syncs;
  }

  /** Watches until signal aborts; resolves after the first sync (or its failure, which is retried). */
  async start(signal: AbortSignal): Promise<void> {
    const problem = await ensureBridgeNetfilter();
    if (problem) this.#o.log(`${problem}: a Pod reaching a Pod on the same bridge through a Service gets no reply`);
    const changed = (): void => this.#schedule();
    for (const inf of [this.#services, this.#slices] as Informer<Service | EndpointSlice>[]) {
      inf.addHandlers({ onAdd: changed, onUpdate: changed, onDelete: changed });
      void inf.run(signal);
    }
    signal.addEventListener('abort', () => {
      this.#stopped = true;
      clearTimeout(this.#timer);
    }, { once: true });
    await Promise.all([this.#services.waitForSync(), this.#slices.waitForSync()]);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#sync();
  }

  #schedule(): void {
    if (this.#stopped || !this.#services.hasSynced() || !this.#slices.hasSynced()) return;
    const now = Date.now();
    this.#pendingSince ||= now;
    if (this.#running) {
      this.#dirty = true;
      return;
    }
    const latest = this.#pendingSince + (this.#o.maxDelayMs ?? 250);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#sync(), Math.max(0, Math.min(this.#o.delayMs ?? 50, latest - now)));
  }

  async #sync(): Promise<void> {
    this.#timer = undefined;
    this.#running = true;
    this.#dirty = false;
    this.#pendingSince = 0;
    let retry = false;
    try {
      const ports = servicePorts(this.#services.list(), this.#slices.list(), this.#o.nodeName);
      const ruleset = buildRuleset(ports, this.#o);
      // The full program doubles as the ruleset's fingerprint: an unchanged one is not applied again.
      const program = transaction(this.#o.table, ruleset);
      if (program !== this.#applied?.program) {
        await this.#apply(this.#applied ? transaction(this.#o.table, ruleset, this.#applied.ruleset) : program);
        this.#applied = { ruleset, program };
        this.#syncs++;
      }
      this.#failures = 0;
    } catch (e) {
      // The kernel state is unknown now: the next sync replaces the table whole.
      this.#applied = undefined;
      this.#failures++;
      this.#o.log(`sync failed: ${(e as Error).message}`);
      retry = true;
    } finally {
      this.#running = false;
    }
    if (retry && !this.#stopped) {
      this.#timer = setTimeout(() => void this.#sync(), Math.min(30_000, (this.#o.retryMs ?? 1000) * 2 ** (this.#failures - 1)));
    }
    else if (this.#dirty) this.#schedule();
  }
}

// The node's NetworkPolicy enforcer: watches NetworkPolicies, Pods and Namespaces through the client
// and keeps the node's nftables table equal to what they mean (model.ts → ruleset.ts → `nft -f`).
// Changes are coalesced: a burst of events costs one computation a few milliseconds later, and an
// unchanged result is not written again. The first write, after every cache has listed, replaces
// whatever an earlier run left; until then the old table keeps enforcing what it had.

import type { Namespace, NetworkPolicy, Pod } from '../../api/types.js';
import { Informer } from '../../client/informer.js';
import { namespaces, networkPolicies, pods } from '../../client/resources.js';
import type { RestClient } from '../../client/rest.js';
import { runChecked } from '../../runtime/cni/command.js';
import { ensureBridgeNetfilter } from './bridge-netfilter.js';
import { nodeRules } from './model.js';
import { renderRemoval, renderRuleset } from './ruleset.js';

export interface EnforcerOptions {
  client: RestClient;
  nodeName: string;
  /** The node's own table in the inet family (see host-names.ts). */
  table: string;
  /** How long a change waits for others to join it. */
  debounceMs?: number;
  log?: (message: string) => void;
}

const RETRY_MS = 1000;

/** Runs an nft script as one transaction. */
export async function applyNft(script: string): Promise<void> {
  await runChecked('nft', ['-f', '-'], { input: script });
}

/** Removes the node's table, if there is one (killall). */
export function removeTable(table: string): Promise<void> {
  return applyNft(renderRemoval(table));
}

export class NetworkPolicyEnforcer {
  readonly #o: Required<EnforcerOptions>;
  readonly #policies: Informer<NetworkPolicy>;
  readonly #pods: Informer<Pod>;
  readonly #namespaces: Informer<Namespace>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #dirty = false;
  #synced = false;
  #applied: string | undefined;
  #signal: AbortSignal | undefined;

  constructor(o: EnforcerOptions) {
    this.#o = { debounceMs: 5, log: (m) => console.error(`network policy ${o.nodeName}: ${m}`), ...o };
    const onError = (e: unknown) => this.#o.log(`watch: ${(e as Error).message}`);
    this.#policies = new Informer<NetworkPolicy>(o.client, networkPolicies, { onError });
    this.#pods = new Informer<Pod>(o.client, pods, { onError });
    this.#namespaces = new Informer<Namespace>(o.client, namespaces, { onError });
  }

  /** Starts watching; resolves once the first table is written (or the signal aborts). */
  async start(signal: AbortSignal): Promise<void> {
    this.#signal = signal;
    // Without it, same-node Pods' traffic escapes the table; everything else is still enforced.
    await ensureBridgeNetfilter().catch((e: unknown) => this.#o.log(`bridged traffic between this node's Pods is not policed: ${(e as Error).message}`));
    const informers = [this.#policies, this.#pods, this.#namespaces] as const;
    const changed = { onAdd: () => this.#schedule(), onUpdate: () => this.#schedule(), onDelete: () => this.#schedule() };
    for (const inf of informers) {
      inf.addHandlers(changed);
      void inf.run(signal);
    }
    signal.addEventListener('abort', () => clearTimeout(this.#timer), { once: true });
    await Promise.race([Promise.all(informers.map((i) => i.waitForSync())), new Promise((r) => signal.addEventListener('abort', r, { once: true }))]);
    if (signal.aborted) return;
    this.#synced = true;
    await this.#startSync();
  }

  #startSync(): Promise<void> {
    this.#running = this.#sync().finally(() => {
      this.#running = undefined;
      if (this.#dirty) {
        this.#dirty = false;
        this.#schedule();
      }
    });
    return this.#running;
  }

  #schedule(delay = this.#o.debounceMs): void {
    if (!this.#synced || this.#signal?.aborted) return;
    if (this.#running) {
      this.#dirty = true;
      return;
    }
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#startSync();
    }, delay);
  }

  async #sync(): Promise<void> {
    const script = renderRuleset(this.#o.table, nodeRules({
      nodeName: this.#o.nodeName,
      pods: this.#pods.list(),
      namespaces: this.#namespaces.list(),
      policies: this.#policies.list(),
    }));
    if (script === this.#applied) return;
    try {
      await applyNft(script);
      this.#applied = script;
    } catch (e) {
      this.#o.log(`programming table ${this.#o.table}: ${(e as Error).message}`);
      this.#dirty = false;
      setTimeout(() => this.#schedule(0), RETRY_MS).unref();
    }
  }
}

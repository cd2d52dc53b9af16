// The ClusterRole aggregation controller, as upstream's: a ClusterRole with an aggregationRule holds the
// rules of every other ClusterRole its selectors match (by name order, each rule once), kept up to date
// as those change. That is how admin, edit and view take in what system:aggregate-to-* (or a CRD's
// author) grant them.

import { isApiError } from '../api/errors.js';
import { fromLabelSelectorObject, matchLabels } from '../api/selectors/labels.js';
import type { ClusterRole, PolicyRule } from '../api/types.js';
import { Informer } from '../client/informer.js';
import { clusterRoles } from '../client/resources.js';
import type { RestClient } from '../client/rest.js';
import { WorkQueue } from '../client/workqueue.js';
import { runKeyedController } from './keyed-controller.js';

/** The rules role aggregates from roles, or undefined when it has no aggregationRule. */
export function aggregatedRules(role: ClusterRole, roles: readonly ClusterRole[]): PolicyRule[] | undefined {
  const selectors = role.aggregationRule?.clusterRoleSelectors;
  if (!selectors) return undefined;
  const rules: PolicyRule[] = [];
  const seen = new Set<string>();
  const byName = [...roles].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
  for (const sel of selectors) {
    let selector;
    try {
      selector = fromLabelSelectorObject(sel);
    } catch {
      continue; // a selector that does not parse matches nothing
    }
    for (const other of byName) {
      if (other.metadata.name === role.metadata.name || !matchLabels(selector, other.metadata.labels)) continue;
      for (const r of other.rules ?? []) {
        const key = JSON.stringify(r);
        if (seen.has(key)) continue;
        seen.add(key);
        rules.push(r);
      }
    }
  }
  return rules;
}

export class ClusterRoleAggregationController {
  readonly #client: RestClient;
  readonly #roles: Informer<ClusterRole>;
  readonly #queue = new WorkQueue();
  readonly #log: (line: string) => void;

  constructor(client: RestClient, opts: { log?: (line: string) => void } = {}) {
    this.#client = client;
    this.#log = opts.log ?? ((l) => process.stderr.write(`clusterrole-aggregation: ${l}\n`));
    this.#roles = new Informer<ClusterRole>(client, clusterRoles, { onError: (e) => this.#log(`watch: ${(e as Error).message}`) });
    // Any change may touch what any aggregated role selects: look at them all (they are few).
    const all = (): void => {
      for (const r of this.#roles.list()) if (r.aggregationRule) this.#queue.add(r.metadata.name!);
    };
    this.#roles.addHandlers({ onAdd: all, onUpdate: all, onDelete: all });
  }

  async run(signal: AbortSignal): Promise<void> {
    await runKeyedController(signal, { informers: [this.#roles], queue: this.#queue, workers: 1, reconcile: (name) => this.reconcile(name), log: this.#log });
  }

  async reconcile(name: string): Promise<void> {
    const role = this.#roles.get(name);
    if (!role) return;
    const rules = aggregatedRules(role, this.#roles.list());
    if (!rules || JSON.stringify(rules) === JSON.stringify(role.rules ?? [])) return;
    try {
      await this.#client.update(clusterRoles, undefined, { ...role, rules });
    } catch (e) {
      // Changed or gone meanwhile: the informer brings the next state.
      if (isApiError(e, 'Conflict') || isApiError(e, 'NotFound')) return;
      throw e;
    }
  }
}

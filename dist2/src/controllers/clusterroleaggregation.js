// The ClusterRole aggregation controller, as upstream's: a ClusterRole with an aggregationRule holds the
// rules of every other ClusterRole its selectors match (by name order, each rule once), kept up to date
// as those change. That is how admin, edit and view take in what system:aggregate-to-* (or a CRD's
// author) grant them.
import { isApiError } from '../api/errors.js';
import { fromLabelSelectorObject, matchLabels } from '../api/selectors/labels.js';
import { Informer } from '../client/informer.js';
import { clusterRoles } from '../client/resources.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
/** The rules role aggregates from roles, or undefined when it has no aggregationRule. */
export function aggregatedRules(role, roles) {
    const selectors = role.aggregationRule?.clusterRoleSelectors;
    if (!selectors)
        return undefined;
    const rules = [];
    const seen = new Set();
    const byName = [...roles].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    for (const sel of selectors) {
        let selector;
        try {
            selector = fromLabelSelectorObject(sel);
        }
        catch {
            continue; // a selector that does not parse matches nothing
        }
        for (const other of byName) {
            if (other.metadata.name === role.metadata.name || !matchLabels(selector, other.metadata.labels))
                continue;
            for (const r of other.rules ?? []) {
                const key = JSON.stringify(r);
                if (seen.has(key))
                    continue;
                seen.add(key);
                rules.push(r);
            }
        }
    }
    return rules;
}
export class ClusterRoleAggregationController {
    #client;
    #roles;
    #queue = new WorkQueue();
    #log;
    constructor(client, opts = {}) {
        this.#client = client;
        this.#log = opts.log ?? ((l) => process.stderr.write(`clusterrole-aggregation: ${l}\n`));
        this.#roles = new Informer(client, clusterRoles, { onError: (e) => this.#log(`watch: ${e.message}`) });
        // Any change may touch what any aggregated role selects: look at them all (they are few).
        const all = () => {
            for (const r of this.#roles.list())
                if (r.aggregationRule)
                    this.#queue.add(r.metadata.name);
        };
        this.#roles.addHandlers({ onAdd: all, onUpdate: all, onDelete: all });
    }
    async run(signal) {
        const informer = this.#roles.run(signal);
        await this.#roles.waitForSync();
        await runWorkers(this.#queue, 1, (name) => this.reconcile(name), signal, (name, e) => this.#log(`${name}: ${e.message}`));
        await informer;
    }
    async reconcile(name) {
        const role = this.#roles.get(name);
        if (!role)
            return;
        const rules = aggregatedRules(role, this.#roles.list());
        if (!rules || JSON.stringify(rules) === JSON.stringify(role.rules ?? []))
            return;
        try {
            await this.#client.update(clusterRoles, undefined, { ...role, rules });
        }
        catch (e) {
            // Changed or gone meanwhile: the informer brings the next state.
            if (isApiError(e, 'Conflict') || isApiError(e, 'NotFound'))
                return;
            throw e;
        }
    }
}
//# sourceMappingURL=clusterroleaggregation.js.map
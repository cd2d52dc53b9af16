// The namespace controller: empties a Terminating namespace through the API, as upstream's does. It
// discovers every namespaced kind the server serves (so a kind added later is covered without edits),
// deletes each kind's collection in the namespace, reports what failed or remains in the namespace's
// deletion conditions, and once nothing is left removes the `kubernetes` finalizer through
// namespaces/<n>/finalize, which lets the namespace go.
import { isApiError } from '../api/errors.js';
import { rfc3339 } from '../api/time.js';
import { keyOf } from '../client/informer.js';
import { namespaces } from '../client/resources.js';
import { SharedInformers } from '../client/shared.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { ignoreNotFound, writeStatus } from './writes.js';
const FINALIZER = 'kubernetes';
/** How soon a namespace whose content is still going (graceful Pods, finalizers) is looked at again. */
const RECHECK_MS = 1000;
/** Each condition upstream keeps on a Terminating namespace, with its words when all is well. */
const CONDITIONS = [
    ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
    ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
    ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
    ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
    ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];
export class NamespaceController {
    #client;
    #namespaces;
    #queue = new WorkQueue();
    #log;
    constructor(client, opts = {}) {
        this.#client = client;
        this.#log = opts.log ?? ((l) => process.stderr.write(`namespace: ${l}\n`));
        const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${e.message}`));
        this.#namespaces = informers.namespaces();
        const changed = (ns) => {
            if (ns.metadata.deletionTimestamp)
                this.#queue.add(keyOf(ns));
        };
        this.#namespaces.addHandlers({ onAdd: changed, onUpdate: (_o, ns) => changed(ns) });
    }
    async run(signal) {
        const informer = this.#namespaces.run(signal);
        await this.#namespaces.waitForSync();
        await runWorkers(this.#queue, 2, (k) => this.reconcile(k), signal, (k, e) => this.#log(`${k}: ${e.message}`));
        await informer;
    }
    async reconcile(key) {
        const ns = this.#namespaces.get(key);
        if (!ns?.metadata.deletionTimestamp || !ns.spec?.finalizers?.includes(FINALIZER))
            return;
        const name = ns.metadata.name;
        const { resources, failures: discovery } = await this.#discover();
        const deleteFailures = [];
        for (const r of resources) {
            try {
                await this.#client.deleteCollection(r, name, { propagationPolicy: 'Background' });
            }
            catch (e) {
                if (!isApiError(e, 'NotFound'))
                    deleteFailures.push(`${r.plural}.${r.group}: ${e.message}`);
            }
        }
        const remaining = [];
        const finalizers = new Map();
        for (const r of resources) {
            const items = await this.#client.list(r, name).then((l) => l.items, () => []);
            if (items.length)
                remaining.push(`${r.plural}.${r.group} has ${items.length} resource instances`);
            for (const o of items)
                for (const f of o.metadata.finalizers ?? [])
                    finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
        }
        const failing = {};
        if (discovery.length)
            failing.NamespaceDeletionDiscoveryFailure = ['DiscoveryFailed', `Discovery failed for some groups, ${discovery.length} failing: ${discovery.join(', ')}`];
        if (deleteFailures.length)
            failing.NamespaceDeletionContentFailure = ['ContentDeletionFailed', `Failed to delete all resource types, ${deleteFailures.length} remaining: ${deleteFailures.join(', ')}`];
        if (remaining.length)
            failing.NamespaceContentRemaining = ['SomeResourcesRemain', `Some resources are remaining: ${remaining.join(', ')}`];
        if (finalizers.size)
            failing.NamespaceFinalizersRemaining = ['SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${[...finalizers].map(([f, n]) => `${f} in ${n} resource instances`).join(', ')}`];
        await this.#writeConditions(ns, failing);
        if (Object.keys(failing).length) {
            this.#queue.addAfter(key, RECHECK_MS);
            return;
        }
        const fresh = await ignoreNotFound(this.#client.get(namespaces, undefined, name));
        if (!fresh)
            return;
        const rest = (fresh.spec?.finalizers ?? []).filter((f) => f !== FINALIZER);
        await ignoreNotFound(this.#client.update(namespaces, undefined, { ...fresh, spec: { ...fresh.spec, finalizers: rest } }, { subresource: 'finalize' }));
    }
    async #writeConditions(ns, failing) {
        const old = ns.status?.conditions ?? [];
        const conditions = CONDITIONS.map(([type, okReason, okMessage]) => {
            const bad = failing[type];
            const status = bad ? 'True' : 'False';
            const prev = old.find((c) => c.type === type);
            return { type, status, lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : rfc3339(), reason: bad?.[0] ?? okReason, message: bad?.[1] ?? okMessage };
        });
        await writeStatus(this.#client, namespaces, ns, { ...ns.status, conditions });
    }
    /** The namespaced kinds that can be listed and deleted, in each group's preferred version. */
    async #discover() {
        const failures = [];
        const versions = ['v1'];
        const groups = await this.#client.discovery('/apis');
        versions.push(...groups.groups.map((g) => g.preferredVersion.groupVersion));
        const resources = [];
        for (const gv of versions) {
            let list;
            try {
                list = await this.#client.discovery(gv === 'v1' ? '/api/v1' : `/apis/${gv}`);
            }
            catch (e) {
                failures.push(`${gv}: ${e.message}`);
                continue;
            }
            const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
            for (const r of list.resources) {
                if (!r.namespaced || r.name.includes('/') || !r.verbs.includes('deletecollection') || !r.verbs.includes('list'))
                    continue;
                resources.push({ group, version, plural: r.name, namespaced: true, kind: r.kind });
            }
        }
        return { resources, failures };
    }
}
//# sourceMappingURL=namespace.js.map
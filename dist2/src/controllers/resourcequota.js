// The resource quota controller: keeps each ResourceQuota's status true, status.hard as spec.hard and
// status.used as what the namespace's objects use now (terminal Pods not counted), recounted when a
// quota is made or its limits change, when a counted object goes away (or a Pod ends), and every
// RESYNC_MS besides, as upstream's full resync (admission charges writes as they come). Custom
// resources (`count/<plural>.<group>`) are read at their CRD's storage version.
import { formatQuantity, quantityFromValue } from '../api/quantity.js';
import { addUsage, isTerminalPod, quotaCovers, resourceCounted, usageOf } from '../api/quota/usage.js';
import { RESOURCES } from '../api/schema/resources.js';
import { keyOf, Informer } from '../client/informer.js';
import { resourceQuotas } from '../client/resources.js';
import { SharedInformers } from '../client/shared.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { writeStatus } from './writes.js';
import { customResourceByName } from './custom-resources.js';
const RESYNC_MS = 30_000;
const ZERO = quantityFromValue(0);
function sameHard(a, b) {
    return JSON.stringify(a.spec?.hard ?? {}) === JSON.stringify(b.spec?.hard ?? {});
}
export class ResourceQuotaController {
    #client;
    #quotas;
    #watched;
    #queue = new WorkQueue();
    #log;
    constructor(client, opts = {}) {
        this.#client = client;
        this.#log = opts.log ?? ((l) => process.stderr.write(`resourcequota: ${l}\n`));
        const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${e.message}`));
        this.#quotas = new Informer(client, resourceQuotas, { onError: (e) => this.#log(`watch: ${e.message}`), indexers: { namespace: (o) => [o.metadata.namespace ?? ''] } });
        this.#quotas.addHandlers({
            onAdd: (q) => this.#queue.add(keyOf(q)),
            onUpdate: (old, q) => {
                // Not on every status write: admission's charges stand until an object goes away.
                if (!sameHard(old, q) || JSON.stringify(q.status?.hard ?? {}) !== JSON.stringify(q.spec?.hard ?? {}))
                    this.#queue.add(keyOf(q));
            },
        });
        const gone = (o) => this.#recount(o.metadata.namespace ?? '');
        const pods = informers.pods();
        pods.addHandlers({ onDelete: gone, onUpdate: (old, p) => (isTerminalPod(p) && !isTerminalPod(old) ? gone(p) : undefined) });
        const services = informers.services();
        const claims = informers.persistentVolumeClaims();
        services.addHandlers({ onDelete: gone });
        claims.addHandlers({ onDelete: gone });
        this.#watched = [pods, services, claims];
    }
    #recount(ns) {
        for (const q of this.#quotas.byIndex('namespace', ns))
            this.#queue.add(keyOf(q));
    }
    async run(signal) {
        const watched = [this.#quotas, ...this.#watched];
        const informers = Promise.all(watched.map((i) => i.run(signal)));
        await Promise.all(watched.map((i) => i.waitForSync()));
        const resync = setInterval(() => {
            for (const q of this.#quotas.list())
                this.#queue.add(keyOf(q));
        }, RESYNC_MS);
        signal.addEventListener('abort', () => clearInterval(resync), { once: true });
        await runWorkers(this.#queue, 2, (k) => this.reconcile(k), signal, (k, e) => this.#log(`${k}: ${e.message}`));
        await informers;
    }
    async reconcile(key) {
        const quota = this.#quotas.get(key);
        if (!quota)
            return;
        const ns = quota.metadata.namespace ?? '';
        const hard = quota.spec?.hard ?? {};
        const totals = new Map();
        const listed = new Set();
        for (const name of Object.keys(hard)) {
            const counted = resourceCounted(name);
            if (!counted || listed.has(`${counted.plural}.${counted.group}`))
                continue;
            listed.add(`${counted.plural}.${counted.group}`);
            const info = RESOURCES.find((r) => r.plural === counted.plural && r.group === counted.group);
            const res = info
                ? { group: info.group, version: info.version, plural: info.plural, namespaced: info.namespaced, kind: info.kind }
                : counted.group ? await customResourceByName(this.#client, counted.plural, counted.group) : undefined;
            if (!res?.namespaced)
                continue;
            const list = await this.#client.list(res, ns);
            for (const o of list.items)
                if (quotaCovers(quota, res.plural, res.group, o))
                    addUsage(totals, usageOf(res.plural, res.group, o));
        }
        const used = {};
        for (const name of Object.keys(hard))
            used[name] = formatQuantity(totals.get(name) ?? ZERO);
        await writeStatus(this.#client, resourceQuotas, quota, { hard: { ...hard }, used });
    }
}
//# sourceMappingURL=resourcequota.js.map
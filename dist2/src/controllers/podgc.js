// Pod garbage collection: Pods bound to a node that does not exist are deleted (grace 0), since no
// kubelet will ever stop them, once the node has stayed missing for upstream's quarantine of 40 s (a
// Pod may be bound just before its node registers). The node is looked up on the API before deleting,
// in case it is newer than this controller's cache; the Pod is first marked Failed with
// DisruptionTarget, as upstream's PodGC does.
import { isApiError } from '../api/errors.js';
import { splitKey, keyOf } from '../client/informer.js';
import { nodes, pods } from '../client/resources.js';
import { SharedInformers } from '../client/shared.js';
import { WorkQueue, runWorkers } from '../client/workqueue.js';
import { rfc3339 } from '../api/time.js';
/** How long a Pod's node must stay missing before the Pod goes (upstream's quarantineTime). */
export const POD_GC_QUARANTINE_MS = 40_000;
export class PodGarbageCollector {
    #client;
    #nodes;
    #pods;
    #queue = new WorkQueue();
    #log;
    #quarantineMs;
    constructor(client, opts = {}) {
        this.#client = client;
        this.#quarantineMs = opts.quarantineMs ?? POD_GC_QUARANTINE_MS;
        this.#log = opts.log ?? ((l) => process.stderr.write(`pod-gc: ${l}\n`));
        const informers = opts.informers ?? new SharedInformers(client, (e) => this.#log(`watch: ${e.message}`));
        this.#nodes = informers.nodes();
        this.#pods = informers.pods();
        const check = (p) => {
            if (p.spec.nodeName && !this.#nodes.get(p.spec.nodeName))
                this.#queue.addAfter(keyOf(p), this.#quarantineMs);
        };
        this.#pods.addHandlers({ onAdd: check, onUpdate: (_o, p) => check(p) });
        this.#nodes.addHandlers({
            onDelete: (n) => {
                for (const p of this.#pods.byIndex('node', n.metadata.name))
                    this.#queue.addAfter(keyOf(p), this.#quarantineMs);
            },
        });
    }
    async run(signal) {
        const informers = Promise.all([this.#nodes.run(signal), this.#pods.run(signal)]);
        // Workers start once both caches are full; a Pod queued before its node was listed is judged then.
        await Promise.all([this.#nodes.waitForSync(), this.#pods.waitForSync()]);
        await runWorkers(this.#queue, 2, (k) => this.reconcile(k), signal, (k, e) => this.#log(`${k}: ${e.message}`));
        await informers;
    }
    async reconcile(key) {
        const pod = this.#pods.get(key);
        const nodeName = pod?.spec.nodeName;
        if (!pod || !nodeName || this.#nodes.get(nodeName))
            return;
        try {
            await this.#client.get(nodes, undefined, nodeName);
            return;
        }
        catch (e) {
            if (!isApiError(e, 'NotFound'))
                throw e;
        }
        const { namespace, name } = splitKey(key);
        this.#log(`deleting ${key}: its node ${nodeName} does not exist`);
        try {
            const phase = pod.status?.phase;
            if (phase !== 'Succeeded' && phase !== 'Failed') {
                const condition = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists', lastTransitionTime: rfc3339() };
                const status = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, status: { phase: 'Failed', conditions: [condition] } };
                await this.#client.patch(pods, namespace, name, 'apply', status, { subresource: 'status', fieldManager: 'PodGC', force: true });
            }
            await this.#client.delete(pods, namespace, name, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
        }
        catch (e) {
            if (!isApiError(e, 'NotFound') && !isApiError(e, 'Conflict'))
                throw e;
        }
    }
}
//# sourceMappingURL=podgc.js.map
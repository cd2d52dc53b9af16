// Creating and deleting a controller's Pods the way every workload controller does: creates in
// slow-start batches, each expected before it is sent (so the informer catching up never looks like
// Pods missing), deletes guarded by the Pod's uid, and the events upstream records for both.
import { isApiError } from '../api/errors.js';
import { keyOf } from '../client/informer.js';
import { pods } from '../client/resources.js';
/** Runs fn over items at most `width` at a time; resolves with each outcome. */
export async function inBatches(items, fn) {
    // Slow start, as upstream: 1, 2, 4, … at once, stopping at the first batch with a failure (a quota or
    // a broken template fails every create the same way; no need to send all of them).
    const out = [];
    let width = 1;
    for (let i = 0; i < items.length; i += width, width *= 2) {
        const batch = await Promise.allSettled(items.slice(i, i + width).map(fn));
        out.push(...batch);
        if (batch.some((r) => r.status === 'rejected'))
            break;
    }
    return out;
}
export class PodControl {
    client;
    events;
    expectations;
    constructor(client, events, expectations) {
        this.client = client;
        this.events = events;
        this.expectations = expectations;
    }
    /** Creates the Pods for owner (whose queue key is key); the first failure, recorded as FailedCreate. */
    create(owner, key, wanted) {
        this.expectations.expectCreations(key, wanted.length);
        return this.#create(owner, key, wanted);
    }
    /** Deletes the victims of owner (a Pod already gone is not a failure); the first failure, if any. */
    delete(owner, key, victims) {
        this.expectations.expectDeletions(key, victims.map(keyOf));
        return this.#delete(owner, key, victims);
    }
    /**
     * Creates wanted and deletes victims in one pass (a DaemonSet replacing Pods), both expected at once so
     * neither hides the other; the first failure, if any.
     */
    async replace(owner, key, wanted, victims) {
        this.expectations.expect(key, wanted.length, victims.map(keyOf));
        const [created, deleted] = await Promise.all([this.#create(owner, key, wanted), this.#delete(owner, key, victims)]);
        return created ?? deleted;
    }
    async #create(owner, key, wanted) {
        const n = wanted.length;
        const results = await inBatches(wanted, async (pod) => {
            const created = await this.client.create(pods, owner.metadata.namespace, pod);
            this.events.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
        });
        // Creates never sent, or refused, will never be observed.
        for (let i = results.filter((r) => r.status === 'fulfilled').length; i < n; i++)
            this.expectations.creationObserved(key);
        const failed = results.find((r) => r.status === 'rejected');
        if (!failed)
            return undefined;
        const e = failed.reason;
        this.events.event(owner, 'Warning', 'FailedCreate', `Error creating: ${e.message}`);
        return e;
    }
    async #delete(owner, key, victims) {
        const results = await Promise.allSettled(victims.map(async (p) => {
            try {
                await this.client.delete(pods, p.metadata.namespace, p.metadata.name, { preconditions: { uid: p.metadata.uid } });
                this.events.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
            }
            catch (e) {
                this.expectations.deletionObserved(key, keyOf(p));
                if (!isApiError(e, 'NotFound'))
                    throw e;
            }
        }));
        const failed = results.find((r) => r.status === 'rejected');
        return failed ? failed.reason : undefined;
    }
}
//# sourceMappingURL=podcontrol.js.map
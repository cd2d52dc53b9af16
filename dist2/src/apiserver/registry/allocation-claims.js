// Cluster IPs and node ports claimed in the store, one key each (as upstream's IPAddress objects), so that
// several API servers on one datastore never hand out the same one: a claim is a create that succeeds only
// where the key is absent, decided by the store. A claim names the Service (namespace/name) that holds it;
// it goes when that Service lets go of the value. A claim left by a write that never landed (a server that
// died between claim and Service) is taken over once it is older than LEAK_GRACE_MS and no stored Service
// holds its value, as upstream's repair loop frees leaked addresses.
import { StoreError } from '../../store/types.js';
const PREFIX = '/berth/allocations/';
/** Long enough that the Service of a claim just made is in every server's watch cache. */
export const LEAK_GRACE_MS = 60_000;
export class AllocationClaims {
    #store;
    #onError;
    constructor(store, onError) {
        this.#store = store;
        this.#onError = onError;
    }
    /**
     * Claims `what` (e.g. serviceips/10.43.0.5) for `service`. Resolves 'mine' when the service holds it
     * already (another of its writes claimed it), 'claimed' when this call made the claim, 'taken' when
     * another Service holds it: `holds(service)` says whether a stored Service holds the value now.
     */
    async take(what, service, holds) {
        const key = PREFIX + what;
        const value = () => Buffer.from(JSON.stringify({ service, at: Date.now() }));
        for (;;) {
            try {
                await this.#store.create(key, value());
                return 'claimed';
            }
            catch (e) {
                if (!(e instanceof StoreError && e.code === 'AlreadyExists'))
                    throw e;
            }
            const current = await this.#store.get(key);
            if (!current)
                continue;
            const claim = JSON.parse(Buffer.from(current.value).toString());
            if (claim.service === service)
                return 'mine';
            if (holds(claim.service) || Date.now() - claim.at < LEAK_GRACE_MS)
                return 'taken';
            try {
                await this.#store.update(key, value(), current.modRevision);
                return 'claimed';
            }
            catch (e) {
                if (!(e instanceof StoreError && (e.code === 'Conflict' || e.code === 'NotFound')))
                    throw e;
            }
        }
    }
    /** Drops `service`'s claim on `what`, if it still has it; in the background, errors to onError. */
    drop(what, service) {
        const key = PREFIX + what;
        void (async () => {
            const current = await this.#store.get(key);
            if (!current || JSON.parse(Buffer.from(current.value).toString()).service !== service)
                return;
            await this.#store.delete(key, current.modRevision);
        })().catch((e) => {
            // Another server dropped it first.
            if (!(e instanceof StoreError && (e.code === 'Conflict' || e.code === 'NotFound')))
                this.#onError(e);
        });
    }
}
//# sourceMappingURL=allocation-claims.js.map
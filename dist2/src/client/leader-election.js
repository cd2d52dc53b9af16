// Leader election on a coordination.k8s.io/v1 Lease, as kube-scheduler's and kube-controller-manager's
// --leader-elect: of several API servers on one datastore, the one holding the Lease runs the
// component. The holder renews every retryPeriod; one that cannot renew within renewDeadline stops
// leading; the others take the Lease once it has gone leaseDuration without a renewal they saw. Expiry
// is measured on the candidate's own clock from when it last saw the record change (as upstream does),
// so the servers' clocks need not agree. Every write is a compare-and-swap on the resourceVersion.
import { isApiError } from '../api/errors.js';
import { microTime } from '../api/time.js';
import { sleep } from './informer.js';
import { leases } from './resources.js';
export const DEFAULT_LEADER_ELECTION = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };
/** Checks the timings as upstream does: leaseDuration > renewDeadline > retryPeriod (× 1.2 jitter) > 0. */
export function checkTimings(t) {
    if (!(t.retryPeriodMs > 0))
        throw new Error('--leader-elect-retry-period must be greater than zero');
    if (!(t.renewDeadlineMs > t.retryPeriodMs * 1.2))
        throw new Error('--leader-elect-renew-deadline must be greater than 1.2 × --leader-elect-retry-period');
    if (!(t.leaseDurationMs > t.renewDeadlineMs))
        throw new Error('--leader-elect-lease-duration must be greater than --leader-elect-renew-deadline');
}
/** Rejects when p takes longer than ms (a request to a server that stopped answering). */
function within(p, ms) {
    let timer;
    const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
class Elector {
    #c;
    #ns;
    /** The record last seen and when (on this clock) it was seen to change. */
    #observed;
    /** When (on this clock) another holder's Lease, as last observed, runs out: 0 when none holds it. */
    #expires = 0;
    constructor(c) {
        this.#c = c;
        this.#ns = c.namespace ?? 'kube-system';
    }
    #record(prev, now) {
        const mine = prev?.holderIdentity === this.#c.identity;
        return {
            holderIdentity: this.#c.identity,
            leaseDurationSeconds: Math.max(1, Math.ceil(this.#c.leaseDurationMs / 1000)),
            acquireTime: mine && prev?.acquireTime ? prev.acquireTime : microTime(now),
            renewTime: microTime(now),
            // As upstream: every acquisition by a candidate that was not leading counts, a released Lease's too.
            leaseTransitions: (prev?.leaseTransitions ?? 0) + (!prev || mine ? 0 : 1),
        };
    }
    /** One attempt to take or renew the Lease; true when this candidate holds it afterwards. */
    async tryAcquireOrRenew() {
        const { client, name } = this.#c;
        const now = Date.now();
        let lease;
        try {
            lease = await client.get(leases, this.#ns, name);
        }
        catch (e) {
            if (!isApiError(e, 'NotFound'))
                throw e;
            const fresh = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: this.#ns }, spec: this.#record(undefined, now) };
            try {
                lease = await client.create(leases, this.#ns, fresh);
            }
            catch (err) {
                if (isApiError(err, 'AlreadyExists'))
                    return false;
                throw err;
            }
            this.#observed = { rv: lease.metadata.resourceVersion, holder: this.#c.identity, at: now };
            return true;
        }
        const holder = lease.spec?.holderIdentity ?? '';
        const rv = lease.metadata.resourceVersion;
        if (this.#observed?.rv !== rv)
            this.#observed = { rv, holder, at: now };
        const duration = (lease.spec?.leaseDurationSeconds ?? this.#c.leaseDurationMs / 1000) * 1000;
        this.#expires = holder && holder !== this.#c.identity ? this.#observed.at + duration : 0;
        if (this.#expires > now)
            return false;
        lease.spec = this.#record(lease.spec, now);
        try {
            const updated = await client.update(leases, this.#ns, lease);
            this.#observed = { rv: updated.metadata.resourceVersion, holder: this.#c.identity, at: now };
            return true;
        }
        catch (e) {
            // Another candidate wrote first.
            if (isApiError(e, 'Conflict'))
                return false;
            throw e;
        }
    }
    /**
     * How long a candidate waits before its next attempt: a retry period, or less when the Lease it saw
     * runs out sooner, so that it tries the moment the Lease may be taken rather than up to a retry
     * period later. The rule itself is untouched: the holder's full lease duration since this
     * candidate saw its last renewal.
     */
    nextAttemptIn(now) {
        return this.#expires > now ? Math.min(this.#c.retryPeriodMs, this.#expires - now + 1) : this.#c.retryPeriodMs;
    }
    /** Gives the Lease up on a clean stop, so the next leader need not wait for it to expire. */
    async release() {
        const lease = await this.#c.client.get(leases, this.#ns, this.#c.name);
        if (lease.spec?.holderIdentity !== this.#c.identity)
            return;
        lease.spec = { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime(Date.now()) };
        await this.#c.client.update(leases, this.#ns, lease);
    }
}
/**
 * Runs `lead` whenever this candidate holds the Lease, until signal aborts: lead's signal aborts when
 * leadership is lost, and the candidate campaigns again. On abort a held Lease is released.
 */
export async function runLeaderElected(c, lead, signal) {
    const elector = new Elector(c);
    const attempt = () => within(elector.tryAcquireOrRenew(), c.retryPeriodMs).catch((e) => {
        c.log(`leader election ${c.name}: ${e instanceof Error ? e.message : String(e)}`);
        return false;
    });
    while (!signal.aborted) {
        if (!(await attempt())) {
            await sleep(elector.nextAttemptIn(Date.now()), signal);
            continue;
        }
        c.log(`leader election: ${c.identity} became the leader of ${c.name}`);
        const term = new AbortController();
        const stopTerm = () => term.abort();
        signal.addEventListener('abort', stopTerm, { once: true });
        lead(term.signal);
        let renewed = Date.now();
        while (!signal.aborted) {
            await sleep(c.retryPeriodMs, signal);
            if (signal.aborted)
                break;
            if (await attempt())
                renewed = Date.now();
            else if (Date.now() - renewed > c.renewDeadlineMs)
                break;
        }
        signal.removeEventListener('abort', stopTerm);
        term.abort();
        if (signal.aborted) {
            await within(elector.release(), c.retryPeriodMs).catch(() => undefined);
            return;
        }
        c.log(`leader election: ${c.identity} lost the lease ${c.name}`);
    }
}
//# sourceMappingURL=leader-election.js.map
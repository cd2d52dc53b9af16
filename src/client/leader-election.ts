// Leader election on a coordination.k8s.io/v1 Lease, as kube-scheduler's and kube-controller-manager's
// --leader-elect: of several API servers on one datastore, the one holding the Lease runs the
// component. The holder renews every retryPeriod; one that cannot renew within renewDeadline stops
// leading; the others take the Lease once it has gone leaseDuration without a renewal they saw. Expiry
// is measured on the candidate's own clock from when it last saw the record change (as upstream does),
// so the servers' clocks need not agree. Every write is a compare-and-swap on the resourceVersion. A
// candidate watches the Lease besides, to see each renewal as it is written, and tries the moment the
// Lease it saw runs out: failover takes the lease duration, not up to two retry periods more.

import { isApiError } from '../api/errors.js';
import { microTime } from '../api/time.js';
import type { Lease } from '../api/types.js';
import { sleep } from '../util/sleep.js';
import { leases } from './resources.js';
import type { RestClient } from './rest.js';

export interface LeaderElectionTimings {
  /** How long a Lease unrenewed stays its holder's (default 15 s). */
  leaseDurationMs: number;
  /** How long the leader keeps trying to renew before it stops leading (default 10 s). */
  renewDeadlineMs: number;
  /** How often candidates try to take the Lease and the leader renews it (default 2 s). */
  retryPeriodMs: number;
}

export const DEFAULT_LEADER_ELECTION: LeaderElectionTimings = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

export interface LeaderElectionConfig extends LeaderElectionTimings {
  client: RestClient;
  /** The Lease's name, e.g. kube-scheduler. */
  name: string;
  namespace?: string;
  /** This candidate, unique among all (upstream: hostname_uuid). */
  identity: string;
  log: (line: string) => void;
}

/** Checks the timings as upstream does: leaseDuration > renewDeadline > retryPeriod (× 1.2 jitter) > 0. */
export function checkTimings(t: LeaderElectionTimings): void {
  if (!(t.retryPeriodMs > 0)) throw new Error('--leader-elect-retry-period must be greater than zero');
  if (!(t.renewDeadlineMs > t.retryPeriodMs * 1.2)) throw new Error('--leader-elect-renew-deadline must be greater than 1.2 × --leader-elect-retry-period');
  if (!(t.leaseDurationMs > t.renewDeadlineMs)) throw new Error('--leader-elect-lease-duration must be greater than --leader-elect-renew-deadline');
}

/** Rejects when p takes longer than ms (a request to a server that stopped answering). */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

class Elector {
  readonly #c: LeaderElectionConfig;
  readonly #ns: string;
  /** The record last seen and when (on this clock) it was seen to change. */
  #observed: { rv: string; holder: string; at: number } | undefined;
  /** When (on this clock) another holder's Lease, as last observed, runs out: 0 when none holds it. */
  #expires = 0;

  constructor(c: LeaderElectionConfig) {
    this.#c = c;
    this.#ns = c.namespace ?? 'kube-system';
  }

  #record(prev: Lease['spec'], now: number): NonNullable<Lease['spec']> {
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

  /** Notes the record as seen at `now`: a change restarts the holder's lease duration on this clock. */
  #observe(lease: Lease, now: number): void {
    const holder = lease.spec?.holderIdentity ?? '';
    const rv = lease.metadata.resourceVersion!;
    if (this.#observed?.rv === rv) return;
    this.#observed = { rv, holder, at: now };
    const duration = (lease.spec?.leaseDurationSeconds ?? this.#c.leaseDurationMs / 1000) * 1000;
    this.#expires = holder && holder !== this.#c.identity ? now + duration : 0;
  }

  /**
   * While this candidate waits, watches the Lease, so that each renewal is seen as it is written rather
   * than at the next attempt: the lease duration then runs from the holder's real last renewal (seen a
   * moment after it), not from up to a retry period after it. Ends when signal aborts.
   */
  async follow(signal: AbortSignal): Promise<void> {
    const { client, name } = this.#c;
    while (!signal.aborted) {
      try {
        for await (const ev of client.watch<Lease>(leases, this.#ns, { fieldSelector: `metadata.name=${name}` }, signal)) {
          if (ev.type === 'ADDED' || ev.type === 'MODIFIED') this.#observe(ev.object, Date.now());
        }
      } catch {
        // Attempts go on reading the Lease meanwhile; the watch is only a quicker eye.
      }
      await sleep(this.#c.retryPeriodMs, signal);
    }
  }

  /** One attempt to take or renew the Lease; true when this candidate holds it afterwards. */
  async tryAcquireOrRenew(): Promise<boolean> {
    const { client, name } = this.#c;
    const now = Date.now();
    let lease: Lease;
    try {
      lease = await client.get<Lease>(leases, this.#ns, name);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
      const fresh: Lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: this.#ns }, spec: this.#record(undefined, now) };
      try {
        lease = await client.create<Lease>(leases, this.#ns, fresh);
      } catch (err) {
        if (isApiError(err, 'AlreadyExists')) return false;
        throw err;
      }
      this.#observed = { rv: lease.metadata.resourceVersion!, holder: this.#c.identity, at: now };
      return true;
    }
    this.#observe(lease, now);
    if (this.#expires > now) return false;
    lease.spec = this.#record(lease.spec, now);
    try {
      const updated = await client.update<Lease>(leases, this.#ns, lease);
      this.#observed = { rv: updated.metadata.resourceVersion!, holder: this.#c.identity, at: now };
      return true;
    } catch (e) {
      // Another candidate wrote first.
      if (isApiError(e, 'Conflict')) return false;
      throw e;
    }
  }

  /**
   * How long a candidate waits before its next attempt: a retry period, or less when the Lease it saw
   * runs out sooner, so that it tries the moment the Lease may be taken rather than up to a retry
   * period later. The rule itself is untouched: the holder's full lease duration since this
   * candidate saw its last renewal.
   */
  nextAttemptIn(now: number): number {
    return this.#expires > now ? Math.min(this.#c.retryPeriodMs, this.#expires - now + 1) : this.#c.retryPeriodMs;
  }

  /** Gives the Lease up on a clean stop, so the next leader need not wait for it to expire. */
  async release(): Promise<void> {
    const lease = await this.#c.client.get<Lease>(leases, this.#ns, this.#c.name);
    if (lease.spec?.holderIdentity !== this.#c.identity) return;
    lease.spec = { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime(Date.now()) };
    await this.#c.client.update(leases, this.#ns, lease);
  }
}

/**
 * Runs `lead` whenever this candidate holds the Lease, until signal aborts: lead's signal aborts when
 * leadership is lost, and the candidate campaigns again. On abort a held Lease is released.
 */
export async function runLeaderElected(c: LeaderElectionConfig, lead: (signal: AbortSignal) => void, signal: AbortSignal): Promise<void> {
  const elector = new Elector(c);
  const attempt = (): Promise<boolean> =>
    within(elector.tryAcquireOrRenew(), c.retryPeriodMs).catch((e: unknown) => {
      c.log(`leader election ${c.name}: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    });
  while (!signal.aborted) {
    const candidacy = new AbortController();
    const stopCandidacy = (): void => candidacy.abort();
    signal.addEventListener('abort', stopCandidacy, { once: true });
    const watching = elector.follow(candidacy.signal);
    let won = false;
    while (!signal.aborted && !(won = await attempt())) await sleep(elector.nextAttemptIn(Date.now()), signal);
    signal.removeEventListener('abort', stopCandidacy);
    candidacy.abort();
    await watching;
    // Stopped while campaigning: nothing to give up. Stopped just after winning: released below.
    if (!won) return;
    c.log(`leader election: ${c.identity} became the leader of ${c.name}`);
    const term = new AbortController();
    const stopTerm = (): void => term.abort();
    signal.addEventListener('abort', stopTerm, { once: true });
    lead(term.signal);
    let renewed = Date.now();
    while (!signal.aborted) {
      await sleep(c.retryPeriodMs, signal);
      if (signal.aborted) break;
      if (await attempt()) renewed = Date.now();
      else if (Date.now() - renewed > c.renewDeadlineMs) break;
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

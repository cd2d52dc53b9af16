// Records core/v1 Events about objects, as `kubectl describe` shows them. A repeat of the same event
// (same object, type, reason, message) bumps count and lastTimestamp with a PATCH instead of adding
// another Event; similar ones fold and floods are dropped as client-go's correlator does (see
// eventCorrelator.ts). Recording never blocks or fails the caller: events are best effort.
// Each Event carries its eventTime (MicroTime) and who reported which action, as events.k8s.io
// recorders write them, so that a Pod's journey can be ordered and timed within a second.

import { isApiError } from '../api/errors.js';
import { microTime, preciseNow, rfc3339 } from '../api/time.js';
import type { CoreEvent, KObject } from '../api/types.js';
import { EventCorrelator } from './eventCorrelator.js';
import { events } from './resources.js';
import type { RestClient } from './rest.js';

export type EventType = 'Normal' | 'Warning';

interface Recorded { namespace: string; name: string; count: number; pending: Promise<void> }

const maxRemembered = 4096;
/** An Event's stored form is never read back. */
const quiet = { answer: false } as const;

export class EventRecorder {
  #client: RestClient;
  #component: string;
  #host: string | undefined;
  #seen = new Map<string, Recorded>();
  #correlator = new EventCorrelator();
  #inFlight = new Set<Promise<void>>();

  constructor(client: RestClient, opts: { component: string; host?: string }) {
    this.#client = client;
    this.#component = opts.component;
    this.#host = opts.host;
  }

  /**
   * Records an event about `obj` (its kind must be set, as informer objects have it). `fieldPath`
   * names the part concerned (a container: `spec.containers{app}`); `action` what the reporter did
   * (default: the reason).
   */
  event(obj: KObject, type: EventType, reason: string, message: string, opts: { fieldPath?: string; action?: string } = {}): void {
    const m = obj.metadata;
    const involved = { kind: obj.kind, apiVersion: obj.apiVersion, namespace: m.namespace, name: m.name, uid: m.uid, ...(opts.fieldPath ? { fieldPath: opts.fieldPath } : {}) };
    const at = preciseNow();
    // The spam filter's key is the source and the object; every event of this recorder has the same
    // source, and an object's uid names it alone, so the key is that (a component holds thousands).
    const source = involved.uid || [involved.kind, involved.apiVersion, involved.namespace, involved.name].join('\u0000');
    const c = this.#correlator.correlate({ source, type, reason, message, fieldPath: opts.fieldPath }, at);
    if (!c) return;
    const { key } = c;
    message = c.message;
    const prev = this.#seen.get(key);
    // firstTimestamp/lastTimestamp are Time (whole seconds, as upstream writes them); eventTime keeps the microseconds.
    const now = rfc3339(at);
    let rec: Recorded;
    if (prev) {
      // Chain after the create so the PATCH finds the Event.
      this.#seen.delete(key); // re-insert: the Map's order is the LRU order
      rec = prev;
      rec.count++;
      const count = rec.count;
      rec.pending = prev.pending.then(() => this.#bump(rec, count, now, message, () => this.#create(rec, involved, type, reason, message, at, count, opts.action)));
    } else {
      const namespace = m.namespace || 'default';
      const name = `${m.name}.${(BigInt(Date.now()) * 1_000_000n + BigInt(this.#seen.size)).toString(16)}`;
      rec = { namespace, name, count: 1, pending: Promise.resolve() };
      rec.pending = this.#create(rec, involved, type, reason, message, at, 1, opts.action);
    }
    this.#seen.set(key, rec);
    if (this.#seen.size > maxRemembered) this.#seen.delete(this.#seen.keys().next().value!);
    const p = rec.pending;
    this.#inFlight.add(p);
    void p.finally(() => this.#inFlight.delete(p));
  }

  /** Waits for the events recorded so far to be written (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.#inFlight]);
  }

  async #create(rec: Recorded, involved: CoreEvent['involvedObject'], type: EventType, reason: string, message: string, at: number, count: number, action = reason): Promise<void> {
    const now = rfc3339(at);
    const ev: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: rec.name, namespace: rec.namespace },
      involvedObject: involved,
      reason,
      message,
      type,
      source: { component: this.#component, ...(this.#host ? { host: this.#host } : {}) },
      firstTimestamp: now,
      lastTimestamp: now,
      count,
      eventTime: microTime(at),
      action,
      reportingComponent: this.#component,
      reportingInstance: this.#host ?? this.#component,
    };
    await this.#client.create(events, rec.namespace, ev, quiet).catch(() => undefined);
  }

  async #bump(rec: Recorded, count: number, now: string, message: string, recreate: () => Promise<void>): Promise<void> {
    try {
      // The message too: a folded Event shows the latest of the similar ones, as upstream's does.
      await this.#client.patch(events, rec.namespace, rec.name, 'merge', { count, lastTimestamp: now, message }, quiet);
    } catch (err) {
      if (isApiError(err, 'NotFound')) await recreate();
    }
  }
}

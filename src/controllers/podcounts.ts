// Running counts of the Pods each ReplicaSet (or ReplicationController) controls, kept from the Pod
// informer's events: a pass reads its owner's replicas, fully labelled, ready and available counts,
// the orphans it may adopt and the Pods it must release, without walking every Pod of the namespace.
// (At 1,000 replicas that walk, on nearly every Pod change, was most of the controller's CPU.) What a
// Pod adds is worked out once per change of the Pod and taken back when it changes again or goes.

import { deepEqual } from '../api/patch/json-patch.js';
import { matchLabels, type LabelSelector } from '../api/selectors/labels.js';
import type { LabelSelectorSpec, Pod } from '../api/types.js';
import { keyOf } from '../client/informer.js';
import { controllerOf, selectorOf } from './controllerref.js';
import { availableFrom, isActive, isReady } from './podstate.js';

/** What the counts need of the Pod informer's cache (its 'owner' index is by ownerReference uid). */
export interface PodCache {
  get(key: string): Pod | undefined;
  byIndex(index: string, value: string): Pod[];
}

/** What an owner's counts depend on besides its Pods; a change of any of it recounts from the cache. */
export interface OwnerShape {
  uid: string;
  namespace: string;
  selector: LabelSelectorSpec | undefined;
  templateLabels: Record<string, string> | undefined;
  minReadySeconds: number;
}

export interface Counts {
  replicas: number;
  fullyLabeled: number;
  ready: number;
  available: number;
}

/** What one controlled Pod adds to its owner's counts. */
interface Facts {
  pod: Pod;
  /** The owner's selector matches its labels (else the owner releases it, unless it is being deleted). */
  matches: boolean;
  deleting: boolean;
  active: boolean;
  fullyLabeled: boolean;
  ready: boolean;
  /** When it counts as available (see availableFrom); only read when ready. */
  availableAt: number;
}

const same = (a: Facts, b: Facts) =>
  a.matches === b.matches && a.deleting === b.deleting && a.active === b.active && a.fullyLabeled === b.fullyLabeled && a.ready === b.ready && a.availableAt === b.availableAt;

const zero = (): Counts => ({ replicas: 0, fullyLabeled: 0, ready: 0, available: 0 });

/** One owner's Pods and their counts. */
export class OwnerTally {
  readonly shape: OwnerShape;
  readonly #selector: LabelSelector | undefined;
  readonly #templateLabels: [string, string][];
  readonly #facts = new Map<string, Facts>();
  /** Counts of the active Pods the selector matches, and of those it does not (counted while the owner is deleted). */
  readonly #matching = zero();
  readonly #unmatched = zero();
  /** Ready Pods not yet available, by key: when they will be. */
  readonly #waiting = new Map<string, number>();
  /** Pods the selector no longer matches and not being deleted: the owner releases them. */
  readonly #strays = new Map<string, Pod>();

  constructor(shape: OwnerShape) {
    this.shape = shape;
    this.#selector = selectorOf(shape.selector);
    this.#templateLabels = Object.entries(shape.templateLabels ?? {});
  }

  fits(shape: OwnerShape): boolean {
    const s = this.shape;
    return s.uid === shape.uid && s.namespace === shape.namespace && s.minReadySeconds === shape.minReadySeconds && deepEqual(s.selector, shape.selector) && deepEqual(s.templateLabels, shape.templateLabels);
  }

  factsOf(pod: Pod): Facts {
    const labels = pod.metadata.labels;
    const active = isActive(pod);
    const ready = active && isReady(pod);
    return {
      pod,
      matches: !!this.#selector && matchLabels(this.#selector, labels),
      deleting: !!pod.metadata.deletionTimestamp,
      active,
      fullyLabeled: active && this.#templateLabels.every(([k, v]) => labels?.[k] === v),
      ready,
      availableAt: ready ? availableFrom(pod, this.shape.minReadySeconds) : Infinity,
    };
  }

  add(key: string, f: Facts, now: number): void {
    this.#facts.set(key, f);
    if (!f.matches && !f.deleting) this.#strays.set(key, f.pod);
    if (!f.active) return;
    const c = f.matches ? this.#matching : this.#unmatched;
    c.replicas++;
    if (f.fullyLabeled) c.fullyLabeled++;
    if (!f.ready) return;
    c.ready++;
    if (f.availableAt < now) c.available++;
    else if (f.availableAt !== Infinity) this.#waiting.set(key, f.availableAt);
  }

  /** Takes back what the Pod keyed `key` added; what it had added, if anything. */
  remove(key: string): Facts | undefined {
    const f = this.#facts.get(key);
    if (!f) return undefined;
    this.#facts.delete(key);
    this.#strays.delete(key);
    if (!f.active) return f;
    const c = f.matches ? this.#matching : this.#unmatched;
    c.replicas--;
    if (f.fullyLabeled) c.fullyLabeled--;
    if (!f.ready) return f;
    c.ready--;
    if (!this.#waiting.delete(key) && f.availableAt !== Infinity) c.available--;
    return f;
  }

  keys(): IterableIterator<string> {
    return this.#facts.keys();
  }

  /**
   * The counts at `now` (of every controlled Pod while the owner is being deleted, as upstream claims
   * them all then) and when the next ready Pod becomes available (Infinity: none is waiting).
   */
  counts(now: number, ownerDeleting: boolean): { counts: Counts; nextAvailableAt: number } {
    let nextAvailableAt = Infinity;
    for (const [key, at] of this.#waiting) {
      if (at < now) {
        this.#waiting.delete(key);
        (this.#facts.get(key)!.matches ? this.#matching : this.#unmatched).available++;
      } else {
        nextAvailableAt = Math.min(nextAvailableAt, at);
      }
    }
    const [m, u] = [this.#matching, this.#unmatched];
    const counts = ownerDeleting ? { replicas: m.replicas + u.replicas, fullyLabeled: m.fullyLabeled + u.fullyLabeled, ready: m.ready + u.ready, available: m.available + u.available } : { ...m };
    return { counts, nextAvailableAt };
  }

  /** The active Pods the selector matches (those a scale-down chooses from). */
  active(): Pod[] {
    const out: Pod[] = [];
    for (const f of this.#facts.values()) if (f.active && f.matches) out.push(f.pod);
    return out;
  }

  strays(): Pod[] {
    return [...this.#strays.values()];
  }
}

export class PodCounts {
  readonly #cache: PodCache;
  readonly #tallies = new Map<string, OwnerTally>();
  /** Which tally counts each Pod, by Pod key. */
  readonly #countedIn = new Map<string, OwnerTally>();
  /** Pods with no controller, by namespace then key. */
  readonly #orphans = new Map<string, Map<string, Pod>>();

  constructor(cache: PodCache) {
    this.#cache = cache;
  }

  /**
   * Takes in a Pod added or changed. True when that can change a pass of its owner: it moved between
   * owners, what it adds changed, or its owner has no tally yet.
   */
  observe(pod: Pod, now = Date.now()): boolean {
    const key = keyOf(pod);
    const ref = controllerOf(pod);
    this.#setOrphan(pod, key, !ref);
    const before = this.#countedIn.get(key);
    const old = before?.remove(key);
    const tally = ref && this.#tallies.get(ref.uid);
    if (!tally || tally.shape.namespace !== (pod.metadata.namespace ?? '')) {
      this.#countedIn.delete(key);
      return true;
    }
    const facts = tally.factsOf(pod);
    tally.add(key, facts, now);
    this.#countedIn.set(key, tally);
    return before !== tally || !old || !same(old, facts);
  }

  /** Takes in a Pod deleted. */
  forget(pod: Pod): void {
    const key = keyOf(pod);
    this.#setOrphan(pod, key, false);
    this.#countedIn.get(key)?.remove(key);
    this.#countedIn.delete(key);
  }

  /**
   * A Pod the owner has just adopted: counted now, unless the cache has already shown the adoption
   * (then it is counted, as the cache has it, which may be newer than this copy).
   */
  adopted(pod: Pod, now = Date.now()): void {
    const cached = this.#cache.get(keyOf(pod));
    if (cached && controllerOf(cached)?.uid === controllerOf(pod)?.uid) return;
    this.observe(pod, now);
  }

  /** The owner's tally, counted afresh from the cache when it is new or its shape changed. */
  of(shape: OwnerShape, now = Date.now()): OwnerTally {
    const current = this.#tallies.get(shape.uid);
    if (current?.fits(shape)) return current;
    if (current) this.drop(shape.uid);
    const tally = new OwnerTally(shape);
    this.#tallies.set(shape.uid, tally);
    for (const pod of this.#cache.byIndex('owner', shape.uid)) {
      if (controllerOf(pod)?.uid !== shape.uid || (pod.metadata.namespace ?? '') !== shape.namespace) continue;
      const key = keyOf(pod);
      this.#countedIn.get(key)?.remove(key);
      tally.add(key, tally.factsOf(pod), now);
      this.#countedIn.set(key, tally);
    }
    return tally;
  }

  /** Forgets an owner that is gone. */
  drop(uid: string): void {
    const tally = this.#tallies.get(uid);
    if (!tally) return;
    this.#tallies.delete(uid);
    for (const key of tally.keys()) if (this.#countedIn.get(key) === tally) this.#countedIn.delete(key);
  }

  /** The Pods of the namespace no controller owns: those an owner may adopt. */
  orphans(namespace: string): Pod[] {
    return [...(this.#orphans.get(namespace)?.values() ?? [])];
  }

  #setOrphan(pod: Pod, key: string, orphan: boolean): void {
    const ns = pod.metadata.namespace ?? '';
    let m = this.#orphans.get(ns);
    if (orphan) {
      if (!m) this.#orphans.set(ns, (m = new Map()));
      m.set(key, pod);
    } else if (m?.delete(key) && m.size === 0) {
      this.#orphans.delete(ns);
    }
  }
}

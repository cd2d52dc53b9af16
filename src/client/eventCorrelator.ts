// What client-go's EventCorrelator does before an Event is written, so that a component stuck in a
// loop cannot flood the store: similar Events (same object, type and reason, different messages)
// past ten in ten minutes fold into one "(combined from similar events)" Event, and each source may
// write about one object at most 25 Events at once, then one per five minutes (a token bucket).

export interface EventDraft {
  /** The source and the object it is about, as one string: the spam filter's key. */
  source: string;
  type: string;
  reason: string;
  message: string;
  /** The part of the object concerned (a container); it separates otherwise equal events. */
  fieldPath?: string;
}

export interface Correlated {
  /** Events with the same key are one Event whose count grows. */
  key: string;
  message: string;
}

const MAX_SIMILAR = 10;
const SIMILAR_WINDOW_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;
const MAX_TRACKED = 4096;

/** The distinct messages (at most MAX_SIMILAR, so a list is as quick as a set and smaller). */
interface Similar { messages: string[]; last: number }
interface Bucket { tokens: number; at: number }

/** A Map kept to its newest `max` entries: what the correlator remembers is bounded. */
function remember<V>(m: Map<string, V>, key: string, value: V): void {
  m.delete(key);
  m.set(key, value);
  if (m.size > MAX_TRACKED) m.delete(m.keys().next().value!);
}

export class EventCorrelator {
  readonly #similar = new Map<string, Similar>();
  readonly #buckets = new Map<string, Bucket>();

  /** The key and message to record `ev` under, or null when the spam filter drops it. */
  correlate(ev: EventDraft, now: number): Correlated | null {
    const similarKey = [ev.source, ev.type, ev.reason].join('\u0000');
    let rec = this.#similar.get(similarKey);
    if (!rec || now - rec.last > SIMILAR_WINDOW_MS) rec = { messages: [], last: now };
    if (!rec.messages.includes(ev.message)) rec.messages = [...rec.messages, ev.message];
    rec.last = now;
    remember(this.#similar, similarKey, rec);
    let out: Correlated = { key: [similarKey, ev.fieldPath ?? '', ev.message].join('\u0000'), message: ev.message };
    if (rec.messages.length >= MAX_SIMILAR) {
      // Keep the set at the threshold, as upstream pops one, so it stays folded while busy.
      rec.messages = rec.messages.slice(1);
      out = { key: similarKey, message: `(combined from similar events): ${ev.message}` };
    }
    return this.#allow(ev.source, now) ? out : null;
  }

  #allow(source: string, now: number): boolean {
    const b = this.#buckets.get(source) ?? { tokens: SPAM_BURST, at: now };
    b.tokens = Math.min(SPAM_BURST, b.tokens + (now - b.at) / SPAM_REFILL_MS);
    b.at = now;
    remember(this.#buckets, source, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}

// One etcd watch of a key range, followed for as long as the caller wants it: over its own gRPC
// stream, reopened from the revision after the last event seen whenever the stream breaks (an etcd
// member restarting, a leader change), so no event is lost or repeated. etcd3's own Watcher resumes
// from the header revision of the last response instead, which skips events a catching-up watch had
// not been sent yet; hence this.

import type { IEvent, IWatchResponse, WatchClient } from 'etcd3';
import { StoreError } from './types.js';
import { sleep } from '../util/sleep.js';

export interface WatchRange {
  key: Buffer;
  rangeEnd: Buffer;
}

/** Waits between reconnections: short at first, at most a few seconds while etcd stays away. */
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 3000;

/**
 * Progress marks on one followed range (etcd's WatchProgressRequest): etcd answers a request with a
 * response that carries no events, whose header revision says every change up to it has been sent on
 * that stream. One request is outstanding at a time; a stream that breaks before answering has it sent
 * again on the next.
 */
export class ProgressMarks {
  readonly #onMark: (revision: number) => void;
  #wanted = false;
  #send: (() => void) | undefined;

  constructor(onMark: (revision: number) => void) {
    this.#onMark = onMark;
  }

  request(): void {
    if (this.#wanted) return;
    this.#wanted = true;
    this.#send?.();
  }

  /** The stream requests now go on (undefined: none is open). */
  attach(send: (() => void) | undefined): void {
    this.#send = send;
    if (send && this.#wanted) send();
  }

  marked(revision: number): void {
    this.#wanted = false;
    this.#onMark(revision);
  }
}

type Outcome = { retry: true } | { retry: false; error?: Error };

/**
 * Delivers every event in range with a revision above `after`, in order, with prevKv, until signal
 * aborts (resolves) or etcd refuses the watch (rejects: Expired when the revision was compacted).
 */
export async function followRange(client: WatchClient, range: WatchRange, after: number, signal: AbortSignal, deliver: (events: IEvent[]) => void, marks?: ProgressMarks): Promise<void> {
  let next = after + 1;
  let wait = FIRST_RETRY_MS;
  while (!signal.aborted) {
    const outcome = await client.watch().then(
      (stream) =>
        new Promise<Outcome>((resolve) => {
          let done = false;
          const finish = (o: Outcome): void => {
            if (done) return;
            done = true;
            marks?.attach(undefined);
            signal.removeEventListener('abort', stop);
            // Half-closed first: etcd3 then takes the cancellation for ours, not for a failing member
            // (which would reset every connection to it).
            stream.end();
            stream.cancel();
            resolve(o);
          };
          const stop = (): void => finish({ retry: false });
          signal.addEventListener('abort', stop, { once: true });
          stream.on('data', (res: IWatchResponse) => {
            if (done) return;
            if (res.canceled) {
              const compacted = Number(res.compact_revision);
              finish({
                retry: false,
                error: compacted > 0
                  ? new StoreError('Expired', `required revision ${next - 1} has been compacted`, compacted)
                  : new Error(`etcd canceled the watch: ${res.cancel_reason || 'no reason given'}`),
              });
              return;
            }
            wait = FIRST_RETRY_MS;
            if (!res.events.length) {
              // No events and not the creation's answer: a progress mark.
              if (!res.created) marks?.marked(Number(res.header.revision));
              return;
            }
            next = Number(res.events[res.events.length - 1].kv.mod_revision) + 1;
            deliver(res.events);
          });
          // Our own cancel() ends the stream with an error too; finish() has resolved by then.
          stream.on('error', () => finish({ retry: true }));
          stream.on('end', () => finish({ retry: true }));
          stream.write({ create_request: { key: range.key, range_end: range.rangeEnd, start_revision: next, prev_kv: true } });
          marks?.attach(() => stream.write({ progress_request: {} }));
        }),
      (): Outcome => ({ retry: true }),
    );
    if (!outcome.retry) {
      if (outcome.error) throw outcome.error;
      return;
    }
    await sleep(wait);
    wait = Math.min(wait * 2, MAX_RETRY_MS);
  }
}

// PLEG-like relisting: every second, list the runtime and wake the worker of each Pod whose
// sandboxes or containers changed state (an exit, a vanished container), so exits are noticed
// without anyone telling the kubelet. A runtime that counts its changes (the fake one, under
// thousands of hollow kubelets in one process) spares the listing when nothing changed since the last.

import type { RuntimeService } from '../runtime/types.js';
import { groupByPod, type ObservedPod } from './observed.js';

export const RELIST_PERIOD_MS = 1_000;

function fingerprint(o: ObservedPod): string {
  const s = o.sandboxes.map((x) => `${x.id}:${x.state}`).sort();
  const c = o.containers.map((x) => `${x.id}:${x.state}:${x.exitCode ?? ''}`).sort();
  return `${s.join(',')}|${c.join(',')}`;
}

/** What relisting reads; changeCount, when the runtime has it, moves whenever a sandbox or container changes. */
export type Listable = Pick<RuntimeService, 'listPodSandboxes' | 'listContainers'> & { changeCount?(): number };

export class Relister {
  readonly #runtime: Listable;
  readonly #onChange: (uid: string) => void;
  #last = new Map<string, string>();
  /** The runtime's changeCount when it was last listed. */
  #listedAt: number | undefined;

  constructor(runtime: Listable, onChange: (uid: string) => void) {
    this.#runtime = runtime;
    this.#onChange = onChange;
  }

  /** List once; returns every Pod uid the runtime holds anything of. */
  async relist(): Promise<Map<string, ObservedPod>> {
    const count = this.#runtime.changeCount?.();
    const [sandboxes, containers] = await Promise.all([this.#runtime.listPodSandboxes(), this.#runtime.listContainers()]);
    const byPod = groupByPod(sandboxes, containers);
    const next = new Map<string, string>();
    for (const [uid, o] of byPod) {
      const f = fingerprint(o);
      next.set(uid, f);
      if (this.#last.get(uid) !== f) this.#onChange(uid);
    }
    for (const uid of this.#last.keys()) if (!next.has(uid)) this.#onChange(uid);
    this.#last = next;
    this.#listedAt = count;
    return byPod;
  }

  /** Whether the runtime says nothing changed since the last listing (never, if it cannot say). */
  #unchanged(): boolean {
    const count = this.#runtime.changeCount?.();
    return count !== undefined && count === this.#listedAt;
  }

  /**
   * Relist every period until signal aborts; errors are reported and the loop carries on. A period in
   * which the runtime says nothing changed is skipped, afterEach too (the fake's log files stay empty,
   * so there is nothing to rotate either).
   */
  async run(signal: AbortSignal, onError: (e: unknown) => void, afterEach?: (byPod: Map<string, ObservedPod>) => Promise<void>): Promise<void> {
    // One abort listener for the whole loop rather than one per period: thousands of hollow kubelets tick every second.
    let wake = (): void => {};
    const onAbort = (): void => wake();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      while (!signal.aborted) {
        if (!this.#unchanged()) {
          try {
            const byPod = await this.relist();
            await afterEach?.(byPod);
          } catch (e) {
            onError(e);
          }
          if (signal.aborted) break;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, RELIST_PERIOD_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}

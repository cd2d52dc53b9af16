// Cuts a list into pages as kube-apiserver does: up to `limit` matching entries, a continue token when
// more match, and remainingItemCount only when no selector filters the list.

import type { KObject } from '../../api/types.js';
import type { Entry } from '../watchcache/cache.js';
import { encodeContinue } from './continue.js';

export interface ListPage {
  entries: Entry[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export class PageBuilder {
  readonly #entries: Entry[] = [];
  #more = false;
  #remaining = 0;
  constructor(
    readonly matches: ((o: KObject) => boolean) | undefined,
    readonly limit: number,
  ) {}

  get full(): boolean {
    return this.#entries.length >= this.limit;
  }

  /** The key of the last entry on the page. */
  get lastKey(): string | undefined {
    return this.#entries[this.#entries.length - 1]?.key;
  }

  /** Offers the next entry in key order; false once nothing further can change the page. */
  add(e: Entry): boolean {
    if (this.matches && !this.matches(e.obj)) return true;
    if (this.#entries.length < this.limit) {
      this.#entries.push(e);
      return true;
    }
    this.#more = true;
    this.#remaining++;
    // With a selector nothing is counted, so the first match past the page ends the scan.
    return !this.matches;
  }

  page(prefix: string, rv: number, remaining?: number): ListPage {
    const page: ListPage = { entries: this.#entries, resourceVersion: String(rv) };
    const more = this.#more || remaining !== undefined && remaining > 0;
    if (more && this.#entries.length) {
      page.continue = encodeContinue({ rv, after: this.#entries[this.#entries.length - 1].key }, prefix);
      if (!this.matches) page.remainingItemCount = remaining ?? this.#remaining;
    }
    return page;
  }
}

// Cuts a list into pages as kube-apiserver does: up to `limit` matching entries, a continue token when
// more match, and remainingItemCount only when no selector filters the list.
import { encodeContinue } from './continue.js';
export class PageBuilder {
    matches;
    limit;
    #entries = [];
    #more = false;
    #remaining = 0;
    constructor(matches, limit) {
        this.matches = matches;
        this.limit = limit;
    }
    get full() {
        return this.#entries.length >= this.limit;
    }
    /** The key of the last entry on the page. */
    get lastKey() {
        return this.#entries[this.#entries.length - 1]?.key;
    }
    /** Offers the next entry in key order; false once nothing further can change the page. */
    add(e) {
        if (this.matches && !this.matches(e.obj))
            return true;
        if (this.#entries.length < this.limit) {
            this.#entries.push(e);
            return true;
        }
        this.#more = true;
        this.#remaining++;
        // With a selector nothing is counted, so the first match past the page ends the scan.
        return !this.matches;
    }
    page(prefix, rv, remaining) {
        const page = { entries: this.#entries, resourceVersion: String(rv) };
        const more = this.#more || remaining !== undefined && remaining > 0;
        if (more && this.#entries.length) {
            page.continue = encodeContinue({ rv, after: this.#entries[this.#entries.length - 1].key }, prefix);
            if (!this.matches)
                page.remainingItemCount = remaining ?? this.#remaining;
        }
        return page;
    }
}
//# sourceMappingURL=page.js.map
// A binary min-heap under a comparison function.
export class Heap {
    #items = [];
    #less;
    constructor(less) {
        this.#less = less;
    }
    get size() {
        return this.#items.length;
    }
    push(item) {
        const a = this.#items;
        a.push(item);
        let i = a.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!this.#less(a[i], a[parent]))
                break;
            [a[i], a[parent]] = [a[parent], a[i]];
            i = parent;
        }
    }
    pop() {
        const a = this.#items;
        if (a.length <= 1)
            return a.pop();
        const top = a[0];
        a[0] = a.pop();
        let i = 0;
        for (;;) {
            const l = 2 * i + 1;
            const r = l + 1;
            let m = i;
            if (l < a.length && this.#less(a[l], a[m]))
                m = l;
            if (r < a.length && this.#less(a[r], a[m]))
                m = r;
            if (m === i)
                break;
            [a[i], a[m]] = [a[m], a[i]];
            i = m;
        }
        return top;
    }
    clear() {
        this.#items.length = 0;
    }
}
//# sourceMappingURL=heap.js.map
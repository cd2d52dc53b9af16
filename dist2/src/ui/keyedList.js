// A live list's objects kept in key order as watch events come: an event moves or replaces one
// entry (a binary search and a splice), so a thousand Pods are never re-sorted per event, and
// what a page draws is already in order.
export class KeyedList {
    keyOf;
    keys = [];
    values = [];
    constructor(keyOf) {
        this.keyOf = keyOf;
    }
    get size() {
        return this.keys.length;
    }
    /** The first index whose key is not below key. */
    find(key) {
        let [lo, hi] = [0, this.keys.length];
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (this.keys[mid] < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
    /** Adds the object, or replaces the one with its key. */
    set(o) {
        const key = this.keyOf(o);
        const i = this.find(key);
        if (this.keys[i] === key)
            this.values[i] = o;
        else {
            this.keys.splice(i, 0, key);
            this.values.splice(i, 0, o);
        }
    }
    delete(o) {
        const key = this.keyOf(o);
        const i = this.find(key);
        if (this.keys[i] !== key)
            return;
        this.keys.splice(i, 1);
        this.values.splice(i, 1);
    }
    clear() {
        this.keys.length = 0;
        this.values.length = 0;
    }
    /** The objects in key order, as a new array (a page keeps it while the list moves on). */
    items() {
        return this.values.slice();
    }
}
//# sourceMappingURL=keyedList.js.map
// Scripted failures for the fake runtime and image service: failNext(op, err) makes the next call of
// op reject with err, once per call to failNext, in the order they were scripted.
export class Failures {
    #queued = new Map();
    failNext(op, err) {
        const q = this.#queued.get(op) ?? [];
        q.push(err);
        this.#queued.set(op, q);
    }
    /** Throws the next scripted failure of op, if any. */
    check(op) {
        const err = this.#queued.get(op)?.shift();
        if (err)
            throw err;
    }
}
//# sourceMappingURL=failures.js.map
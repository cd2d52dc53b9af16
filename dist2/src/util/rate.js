// Rates of cumulative counters (CPU time) from samples taken at irregular moments, as cAdvisor and
// metrics-server derive CPU usage: the difference to an earlier sample of the same series over the time
// between them. The earlier sample is the newest one at least minWindowMs old, so that answers asked
// for in quick succession still measure over a window long enough to mean something, and none older
// than maxWindowMs, so that a rate never averages over minutes nobody asked about.
export class RateTracker {
    #series = new Map();
    minWindowMs;
    maxWindowMs;
    constructor(opts = {}) {
        this.minWindowMs = opts.minWindowMs ?? 1_000;
        this.maxWindowMs = opts.maxWindowMs ?? 60_000;
    }
    /**
     * Records value at time at (ms) for key and returns the rate since the base sample, or undefined
     * when there is none yet (or the counter went back: a restarted container's starts again from zero).
     */
    observe(key, at, value) {
        let samples = this.#series.get(key);
        if (!samples)
            this.#series.set(key, (samples = []));
        if (samples.length && value < samples[samples.length - 1].value)
            samples.length = 0;
        // Too old to be a base: dropped. Then the base is the newest sample at least the minimum window old.
        while (samples.length && at - samples[0].at > this.maxWindowMs)
            samples.shift();
        let i = samples.length - 1;
        while (i >= 0 && at - samples[i].at < this.minWindowMs)
            i--;
        const base = i >= 0 ? samples[i] : undefined;
        // Samples older than the base can never be one again.
        if (i > 0)
            samples.splice(0, i);
        samples.push({ at, value });
        if (!base)
            return undefined;
        const windowMs = at - base.at;
        return { perSecond: ((value - base.value) * 1000) / windowMs, windowMs };
    }
    /** Whether key has a sample old enough to be a base at time at. */
    hasBase(key, at) {
        const samples = this.#series.get(key);
        return !!samples?.some((s) => at - s.at >= this.minWindowMs && at - s.at <= this.maxWindowMs);
    }
    /** Forgets every series not observed since before (ms): containers that are gone. */
    prune(before) {
        for (const [key, samples] of this.#series)
            if ((samples[samples.length - 1]?.at ?? 0) < before)
                this.#series.delete(key);
    }
}
//# sourceMappingURL=rate.js.map
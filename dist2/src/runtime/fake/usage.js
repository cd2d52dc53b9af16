// The resource use a fake container reports: a scripted CPU rate and memory working set, turned into
// the cumulative CPU counter a cgroup would show by integrating the rate over the clock's time, so a
// rate changed midway reads as a real counter would.
export class UsageMeters {
    #meters = new Map();
    /** Starts (or rescripts) the container's meter at nowMs; the CPU used so far is kept. */
    set(id, usage, nowMs) {
        const m = this.#advance(id, nowMs) ?? { cpuMillis: 0, memoryBytes: 0, cpuNs: 0, at: nowMs };
        m.cpuMillis = usage.cpuMillis ?? m.cpuMillis;
        m.memoryBytes = usage.memoryBytes ?? m.memoryBytes;
        this.#meters.set(id, m);
    }
    /** The counters at nowMs, or undefined for a container never started. */
    read(id, nowMs) {
        const m = this.#advance(id, nowMs);
        return m && { cpuUsageCoreNanoSeconds: Math.round(m.cpuNs), memoryUsageBytes: m.memoryBytes, memoryWorkingSetBytes: m.memoryBytes };
    }
    forget(id) {
        this.#meters.delete(id);
    }
    #advance(id, nowMs) {
        const m = this.#meters.get(id);
        if (m && nowMs > m.at) {
            // millicores × ms = 1e-3 core × 1e6 ns = 1e3 core-ns.
            m.cpuNs += m.cpuMillis * (nowMs - m.at) * 1e3;
            m.at = nowMs;
        }
        return m;
    }
}
//# sourceMappingURL=usage.js.map
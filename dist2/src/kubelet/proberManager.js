// The probe workers: one timer loop per running container and probe kind, keyed by container id so a
// restarted container starts over (fresh initial delay, fresh counts). Results follow upstream's
// kubelet: readiness starts as failure, liveness as success, startup as unknown; a result flips only
// after failureThreshold (or successThreshold) consecutive outcomes; liveness and readiness wait for
// the startup probe, which stops once it has succeeded; a failed liveness or startup probe is held
// until its container is replaced. The pod worker is kicked on every flip so it reports readiness or
// kills the container.
import { latestOf } from './observed.js';
import { runProbe } from './prober.js';
import { sidecarsOf } from './podActions.js';
import { containerFieldPath } from './podSync.js';
const SPEC_FIELD = { Liveness: 'livenessProbe', Readiness: 'readinessProbe', Startup: 'startupProbe' };
const INITIAL = { Liveness: true, Readiness: false, Startup: undefined };
export class ProbeManager {
    #d;
    /** `${containerId}/${kind}` → worker, and each Pod's keys. */
    #workers = new Map();
    #pods = new Map();
    constructor(deps) {
        this.#d = deps;
    }
    /** Start workers for the Pod's running containers and sidecars that have probes; stop those of anything else. */
    sync(pod, observed, podIP) {
        const uid = pod.metadata.uid ?? '';
        const had = this.#pods.get(uid) ?? new Set();
        const now = new Set();
        for (const c of [...sidecarsOf(pod), ...pod.spec.containers]) {
            const latest = latestOf(observed, c.name);
            if (latest?.state !== 'running')
                continue;
            for (const kind of ['Startup', 'Liveness', 'Readiness']) {
                const probe = c[SPEC_FIELD[kind]];
                if (!probe)
                    continue;
                const key = `${latest.id}/${kind}`;
                const w = this.#workers.get(key) ?? this.#start(key, {
                    kind, probe, pod, container: c, containerId: latest.id, podIP, result: INITIAL[kind], last: undefined, run: 0, onHold: false, probing: false, stopped: false,
                    startedAtMs: Date.parse(latest.startedAt ?? '') || Date.now(),
                });
                w.pod = pod;
                now.add(key);
            }
        }
        for (const key of had)
            if (!now.has(key))
                this.#stop(key);
        if (now.size > 0)
            this.#pods.set(uid, now);
        else
            this.#pods.delete(uid);
    }
    forget(uid) {
        for (const key of this.#pods.get(uid) ?? [])
            this.#stop(key);
        this.#pods.delete(uid);
    }
    stop() {
        for (const uid of [...this.#pods.keys()])
            this.forget(uid);
    }
    isReady(c, containerId) {
        if (!this.isStarted(c, containerId))
            return false;
        return !c.readinessProbe || this.#result(containerId, 'Readiness') === true;
    }
    isStarted(c, containerId) {
        return !c.startupProbe || this.#result(containerId, 'Startup') === true;
    }
    failed(containerId) {
        for (const kind of ['Liveness', 'Startup']) {
            const w = this.#worker(containerId, kind);
            if (w?.result === false)
                return { probe: kind === 'Liveness' ? 'liveness' : 'startup', ...(w.probe.terminationGracePeriodSeconds ? { graceSeconds: w.probe.terminationGracePeriodSeconds } : {}) };
        }
        return undefined;
    }
    #worker(containerId, kind) {
        return this.#workers.get(`${containerId}/${kind}`);
    }
    #result(containerId, kind) {
        return this.#worker(containerId, kind)?.result;
    }
    #start(key, w) {
        this.#workers.set(key, w);
        // A ticker, as upstream's worker: one interval per worker, not a fresh timer of another length per
        // probe (which costs a timer list each), and a tick that finds the last probe still out is dropped.
        const run = async () => {
            if (w.stopped || w.probing)
                return;
            w.probing = true;
            await this.#tick(w).catch(() => { });
            w.probing = false;
        };
        w.timer = setInterval(run, (w.probe.periodSeconds || 10) * 1000);
        setImmediate(run);
        return w;
    }
    #stop(key) {
        const w = this.#workers.get(key);
        if (!w)
            return;
        w.stopped = true;
        clearInterval(w.timer);
        this.#workers.delete(key);
    }
    async #tick(w) {
        if (w.onHold)
            return;
        if (w.kind === 'Startup' && w.result === true)
            return;
        if (w.kind !== 'Startup' && !this.isStarted(w.container, w.containerId))
            return;
        if (Date.now() - w.startedAtMs < (w.probe.initialDelaySeconds ?? 0) * 1000)
            return;
        const outcome = !w.probe.exec && this.#d.podNetworkReachable === false
            ? { result: 'success', output: '' }
            : await runProbe(w.probe, { pod: w.pod, container: w.container, containerId: w.containerId, podIP: w.podIP, runtime: this.#d.runtime });
        if (w.stopped)
            return;
        if (outcome.result === 'error') {
            // The probe could not be run (the container is going away, a port name is unknown): no verdict.
            this.#d.cluster.recordEvent(w.pod, 'Warning', 'Unhealthy', `${w.kind} probe errored: ${outcome.output}`, containerFieldPath(w.pod, w.container));
            return;
        }
        const ok = outcome.result === 'success';
        if (!ok)
            this.#d.cluster.recordEvent(w.pod, 'Warning', 'Unhealthy', `${w.kind} probe failed: ${outcome.output}`, containerFieldPath(w.pod, w.container));
        w.run = w.last === ok ? w.run + 1 : 1;
        w.last = ok;
        const threshold = ok ? w.probe.successThreshold || 1 : w.probe.failureThreshold || 3;
        if (w.run < threshold)
            return;
        const changed = w.result !== ok;
        w.result = ok;
        if (!ok && w.kind !== 'Readiness') {
            // Killed by the pod worker; its replacement gets new workers.
            w.onHold = true;
            w.run = 0;
        }
        if (changed)
            this.#d.onChange(w.pod.metadata.uid ?? '');
    }
}
//# sourceMappingURL=proberManager.js.map
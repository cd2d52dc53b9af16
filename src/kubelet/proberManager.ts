// The probe workers: one timer loop per running container and probe kind, keyed by container id so a
// restarted container starts over (fresh initial delay, fresh counts). Results follow upstream's
// kubelet: readiness starts as failure, liveness as success, startup as unknown; a result flips only
// after failureThreshold (or successThreshold) consecutive outcomes; liveness and readiness wait for
// the startup probe, which stops once it has succeeded; a failed liveness or startup probe is held
// until its container is replaced. The pod worker is kicked on every flip so it reports readiness or
// kills the container.

import type { Container, Pod, Probe } from '../api/types.js';
import type { RuntimeService } from '../runtime/types.js';
import type { KubeletCluster } from './cluster.js';
import { latestOf, type ObservedPod } from './observed.js';
import { probeRunner, type ProbeOutcome } from './prober.js';
import { sidecarsOf } from './podActions.js';
import { ProbeSchedule } from './proberSchedule.js';
import { containerFieldPath } from './podSync.js';

export type ProbeKind = 'Liveness' | 'Readiness' | 'Startup';

/** A liveness or startup probe that failed past its threshold: the container must be killed. */
export interface ProbeFailure { probe: 'liveness' | 'startup'; graceSeconds?: number }

/** What pod status and pod actions ask of the probes about a running container. */
export interface ProbeResults {
  isReady(c: Container, containerId: string): boolean;
  isStarted(c: Container, containerId: string): boolean;
  failed(containerId: string): ProbeFailure | undefined;
}

export interface ProberDeps {
  cluster: Pick<KubeletCluster, 'recordEvent'>;
  runtime: Pick<RuntimeService, 'execSync'>;
  /** A result flipped: sync this Pod. */
  onChange: (uid: string) => void;
  /** false on hollow nodes, whose Pod IPs lead nowhere: their network probes are taken as passing. */
  podNetworkReachable?: boolean;
}

interface Worker {
  kind: ProbeKind;
  probe: Probe;
  pod: Pod;
  container: Container;
  containerId: string;
  startedAtMs: number;
  podIP: string;
  /** One run of the probe, its target worked out when the worker started. */
  probeOnce?: () => Promise<ProbeOutcome>;
  /** true success, false failure, undefined unknown. */
  result: boolean | undefined;
  last: boolean | undefined;
  run: number;
  onHold: boolean;
  probing: boolean;
  unschedule?: () => void;
  stopped: boolean;
}

const SPEC_FIELD = { Liveness: 'livenessProbe', Readiness: 'readinessProbe', Startup: 'startupProbe' } as const;
const INITIAL: Record<ProbeKind, boolean | undefined> = { Liveness: true, Readiness: false, Startup: undefined };

export class ProbeManager implements ProbeResults {
  readonly #d: ProberDeps;
  /** `${containerId}/${kind}` → worker, and each Pod's keys. */
  readonly #workers = new Map<string, Worker>();
  readonly #pods = new Map<string, Set<string>>();
  readonly #schedule = new ProbeSchedule();

  constructor(deps: ProberDeps) {
    this.#d = deps;
  }

  /** Start workers for the Pod's running containers and sidecars that have probes; stop those of anything else. */
  sync(pod: Pod, observed: ObservedPod, podIP: string): void {
    const uid = pod.metadata.uid ?? '';
    const had = this.#pods.get(uid) ?? new Set<string>();
    const now = new Set<string>();
    for (const c of [...sidecarsOf(pod), ...pod.spec.containers]) {
      const latest = latestOf(observed, c.name);
      if (latest?.state !== 'running') continue;
      for (const kind of ['Startup', 'Liveness', 'Readiness'] as const) {
        const probe = c[SPEC_FIELD[kind]];
        if (!probe) continue;
        const key = `${latest.id}/${kind}`;
        const w = this.#workers.get(key) ?? this.#start(key, {
          kind, probe, pod, container: c, containerId: latest.id, podIP, result: INITIAL[kind], last: undefined, run: 0, onHold: false, probing: false, stopped: false,
          startedAtMs: Date.parse(latest.startedAt ?? '') || Date.now(),
        });
        w.pod = pod;
        now.add(key);
      }
    }
    for (const key of had) if (!now.has(key)) this.#stop(key);
    if (now.size > 0) this.#pods.set(uid, now);
    else this.#pods.delete(uid);
  }

  forget(uid: string): void {
    for (const key of this.#pods.get(uid) ?? []) this.#stop(key);
    this.#pods.delete(uid);
  }

  stop(): void {
    for (const uid of [...this.#pods.keys()]) this.forget(uid);
  }

  isReady(c: Container, containerId: string): boolean {
    if (!this.isStarted(c, containerId)) return false;
    return !c.readinessProbe || this.#result(containerId, 'Readiness') === true;
  }

  isStarted(c: Container, containerId: string): boolean {
    return !c.startupProbe || this.#result(containerId, 'Startup') === true;
  }

  failed(containerId: string): ProbeFailure | undefined {
    for (const kind of ['Liveness', 'Startup'] as const) {
      const w = this.#worker(containerId, kind);
      if (w?.result === false) return { probe: kind === 'Liveness' ? 'liveness' : 'startup', ...(w.probe.terminationGracePeriodSeconds ? { graceSeconds: w.probe.terminationGracePeriodSeconds } : {}) };
    }
    return undefined;
  }

  #worker(containerId: string, kind: ProbeKind): Worker | undefined {
    return this.#workers.get(`${containerId}/${kind}`);
  }

  #result(containerId: string, kind: ProbeKind): boolean | undefined {
    return this.#worker(containerId, kind)?.result;
  }

  #start(key: string, w: Worker): Worker {
    this.#workers.set(key, w);
    // A ticker, as upstream's worker (on the kubelet's one probe timer): a tick that finds the last
    // probe still out is dropped.
    const done = () => { w.probing = false; };
    w.unschedule = this.#schedule.every((w.probe.periodSeconds || 10) * 1000, () => {
      if (w.stopped || w.probing) return;
      w.probing = true;
      this.#tick(w).then(done, done);
    });
    return w;
  }

  #stop(key: string): void {
    const w = this.#workers.get(key);
    if (!w) return;
    w.stopped = true;
    w.unschedule?.();
    this.#workers.delete(key);
  }

  async #tick(w: Worker): Promise<void> {
    if (w.onHold) return;
    if (w.kind === 'Startup' && w.result === true) return;
    if (w.kind !== 'Startup' && !this.isStarted(w.container, w.containerId)) return;
    if (Date.now() - w.startedAtMs < (w.probe.initialDelaySeconds ?? 0) * 1000) return;
    const outcome = !w.probe.exec && this.#d.podNetworkReachable === false
      ? { result: 'success' as const, output: '' }
      : await (w.probeOnce ??= probeRunner(w.probe, { pod: w.pod, container: w.container, containerId: w.containerId, podIP: w.podIP, runtime: this.#d.runtime }))();
    if (w.stopped) return;
    if (outcome.result === 'error') {
      // The probe could not be run (the container is going away, a port name is unknown): no verdict.
      this.#d.cluster.recordEvent(w.pod, 'Warning', 'Unhealthy', `${w.kind} probe errored: ${outcome.output}`, containerFieldPath(w.pod, w.container));
      return;
    }
    const ok = outcome.result === 'success';
    if (!ok) this.#d.cluster.recordEvent(w.pod, 'Warning', 'Unhealthy', `${w.kind} probe failed: ${outcome.output}`, containerFieldPath(w.pod, w.container));
    w.run = w.last === ok ? w.run + 1 : 1;
    w.last = ok;
    const threshold = ok ? w.probe.successThreshold || 1 : w.probe.failureThreshold || 3;
    if (w.run < threshold) return;
    const changed = w.result !== ok;
    w.result = ok;
    if (!ok && w.kind !== 'Readiness') {
      // Killed by the pod worker; its replacement gets new workers.
      w.onHold = true;
      w.run = 0;
    }
    if (changed) this.#d.onChange(w.pod.metadata.uid ?? '');
  }
}

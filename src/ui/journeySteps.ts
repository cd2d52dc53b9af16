// A Pod's journey as steps: the seed's creation flow (stored → bound → seen by the kubelet → sandbox
// and network → images → containers created and started → postStart → probes → Ready) and, on
// deletion, its reverse (preStop, SIGTERM, exited), read from what the cluster keeps: the Events'
// eventTime (MicroTime: exact), the Pod's conditions, status.startTime, container states and
// creationTimestamp (Time: whole seconds on the wire, as upstream's). A step read from a Time is shown
// as the span its moment lies in, narrowed by the exact steps the flow puts before and after it, and
// is never the origin of the offsets.
import { SEEN_BY_SCHEDULER } from '../api/annotations.js';
import { parseTime } from '../api/time.js';
import type { ContainerStatus, CoreEvent, Pod } from '../api/types.js';

/** The seed's actors, in the order the flow passes through them. */
export const ACTORS = ['api server', 'scheduler', 'kubelet', 'runtime'] as const;
export type Actor = (typeof ACTORS)[number];

export interface JourneyStep {
  /** Milliseconds since the epoch (fractional: microseconds). */
  at: number;
  actor: Actor;
  label: string;
  /** False when the source keeps whole seconds only. */
  precise: boolean;
  /** For an imprecise step: the latest its true moment can be (its second's end, or the next exact step). */
  until?: number;
  warning?: boolean;
  /** For a container's created (1), running (2) and exited (3) steps: which container, which stage. */
  container?: string;
  stage?: number;
  /** Where the step lies in the Pod-wide flow (stored 0 … Ready, deletion, stopping): what must come before what. */
  rank?: number;
}

/** The Pod-wide flow, in order; a container's own steps are ordered by their stage. */
const RANK = { stored: 0, seenByScheduler: 1, bound: 2, seenByKubelet: 3, sandbox: 4, containers: 5, containersReady: 6, ready: 7, deletion: 8, stopping: 9 } as const;

/** The container an Event is about: its fieldPath (`spec.containers{app}`), else its message. */
function containerOf(e: CoreEvent): string | undefined {
  return /\{([^}]+)\}/.exec(e.involvedObject?.fieldPath ?? '')?.[1] ?? /container (\S+)/.exec(e.message ?? '')?.[1];
}

const imageOf = (e: CoreEvent): string => /image "([^"]+)"/.exec(e.message ?? '')?.[1] ?? '';

const hasPreStop = (pod: Pod, c: string): boolean => [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((x) => x.name === c && x.lifecycle?.preStop);

/** What an Event says as a step, or undefined for Events that are not part of the flow. */
function eventStep(pod: Pod, e: CoreEvent): Omit<JourneyStep, 'at' | 'precise'> | undefined {
  const c = containerOf(e) ?? '';
  const msg = e.message ?? '';
  switch (e.reason) {
    case 'Scheduled': return { actor: 'scheduler', label: `bound to ${/ to (\S+)$/.exec(msg)?.[1] ?? 'a node'}`, rank: RANK.bound };
    case 'FailedScheduling': return { actor: 'scheduler', label: `no node fits: ${msg}`, warning: true };
    case 'FailedCreatePodSandBox': return { actor: 'runtime', label: `sandbox failed: ${msg}`, warning: true };
    case 'Pulling': return { actor: 'kubelet', label: `pulling image ${imageOf(e)}`, rank: RANK.containers };
    case 'Pulled': return { actor: 'kubelet', label: /already present|using the image present/.test(msg) ? `image ${imageOf(e)} present` : `image ${imageOf(e)} pulled`, rank: RANK.containers };
    case 'Created': return { actor: 'runtime', label: `container ${c} created`, container: c, stage: 1, rank: RANK.containers };
    case 'CompletedPostStartHook': return { actor: 'kubelet', label: `container ${c} postStart hook done`, container: c, stage: 2.2, rank: RANK.containers };
    case 'Killing': return { actor: 'kubelet', label: hasPreStop(pod, c) ? `stopping ${c}: its preStop hook runs` : `stopping ${c}: SIGTERM sent`, container: c, stage: 2.5, rank: RANK.stopping };
    case 'CompletedPreStopHook': return { actor: 'kubelet', label: `${c} preStop hook done: SIGTERM sent`, container: c, stage: 2.7, rank: RANK.stopping };
    case 'BackOff': return { actor: 'kubelet', label: /image/i.test(msg) ? `backing off pulling ${imageOf(e)}` : `container ${c} crash-looping, backing off`, warning: true };
    case 'Failed': return { actor: 'kubelet', label: `${c ? `${c}: ` : ''}${msg}`, warning: true };
    case 'FailedMount': return { actor: 'kubelet', label: `volume failed: ${msg}`, warning: true };
    case 'Unhealthy': return { actor: 'kubelet', label: `${c} ${msg}`, warning: true };
    case 'FailedPostStartHook': return { actor: 'kubelet', label: `${c} postStart failed`, warning: true };
    case 'FailedPreStopHook': return { actor: 'kubelet', label: `${c} preStop failed: SIGTERM sent`, warning: true };
    default: return undefined;
  }
}

/** A field's moment, precise when it carries a fraction of a second (a MicroTime; a Time has none). */
function stamped(t: string | null | undefined): { at: number; precise: boolean } | undefined {
  const at = parseTime(t);
  return at === undefined ? undefined : { at, precise: /\.\d+Z$/.test(t!) };
}

/**
 * The kubelet's readiness conditions, in the order they become True (often in the same millisecond):
 * stamped when the kubelet computed the status that says so, which is when Ready was observed.
 * Initialized is left out: its stamp is as late as that status, while the init containers' own exit
 * times (from the runtime) say when they were done.
 */
const CONDITION_LABEL: [string, string, number][] = [
  ['ContainersReady', 'all containers ready (probes passing)', RANK.containersReady],
  ['Ready', 'Ready', RANK.ready],
];

function containerSteps(s: ContainerStatus, kind: string): JourneyStep[] {
  const out: JourneyStep[] = [];
  for (const st of [s.lastState, s.state]) {
    const ran = st?.running ?? st?.terminated;
    const started = stamped(ran?.startedAt);
    if (started) out.push({ ...started, actor: 'runtime', label: `${kind} ${s.name} running`, container: s.name, stage: 2, rank: RANK.containers });
    const t = st?.terminated;
    const finished = stamped(t?.finishedAt);
    if (t && finished) {
      out.push({ ...finished, actor: 'runtime', label: `${kind} ${s.name} exited ${t.exitCode}${t.reason ? ` (${t.reason})` : ''}`, warning: t.exitCode !== 0, container: s.name, stage: 3 });
    }
  }
  return out;
}

/** The steps of a Pod's journey, in time order. */
export function journeySteps(pod: Pod, events: readonly CoreEvent[]): JourneyStep[] {
  const steps: JourneyStep[] = [];
  const created = parseTime(pod.metadata.creationTimestamp);
  if (created !== undefined) steps.push({ at: created, actor: 'api server', label: 'stored (creationTimestamp: to the second)', precise: false, rank: RANK.stored });
  const scheduled = stamped(pod.metadata.annotations?.[SEEN_BY_SCHEDULER]);
  if (scheduled) steps.push({ ...scheduled, actor: 'scheduler', label: 'seen by the scheduler', rank: RANK.seenByScheduler });
  const seen = stamped(pod.status?.startTime);
  if (seen) steps.push({ ...seen, actor: 'kubelet', label: `seen by the kubelet${pod.spec.nodeName ? ` on ${pod.spec.nodeName}` : ''} (startTime)`, rank: RANK.seenByKubelet });
  const uid = pod.metadata.uid;
  for (const e of events) {
    if (uid && e.involvedObject?.uid && e.involvedObject.uid !== uid) continue;
    // The runtime's own start times are truer than the kubelet's "Started" Event (sent after the start returned).
    if (e.reason === 'Started') continue;
    const step = eventStep(pod, e);
    // "bound" too: the scheduler stamps its Event's eventTime when the binding succeeded, before the
    // write (the kubelet may have the Pod by the time the Event is stored).
    const at = e.eventTime ? stamped(e.eventTime) : stamped(e.firstTimestamp ?? e.lastTimestamp);
    if (step && at) steps.push({ ...step, ...at });
  }
  for (const s of pod.status?.initContainerStatuses ?? []) steps.push(...containerSteps(s, 'init container'));
  for (const s of pod.status?.containerStatuses ?? []) steps.push(...containerSteps(s, 'container'));
  const sandbox = stamped(pod.status?.conditions?.find((c) => c.type === 'PodReadyToStartContainers' && c.status === 'True')?.lastTransitionTime);
  if (sandbox) steps.push({ ...sandbox, actor: 'runtime', label: pod.spec.hostNetwork ? 'sandbox ready (host network)' : `sandbox ready, network attached (${pod.status?.podIP ?? 'no IP'})`, rank: RANK.sandbox });
  for (const [type, label, rank] of CONDITION_LABEL) {
    const c = pod.status?.conditions?.find((x) => x.type === type && x.status === 'True');
    const at = stamped(c?.lastTransitionTime);
    if (at) steps.push({ ...at, actor: 'kubelet', label, rank });
  }
  const deleting = parseTime(pod.metadata.deletionTimestamp);
  if (deleting !== undefined) {
    const grace = pod.metadata.deletionGracePeriodSeconds ?? 0;
    // deletionTimestamp is the deadline (request + grace), to the second.
    steps.push({ at: deleting - grace * 1000, actor: 'api server', label: `deletion requested (grace ${grace} s)`, precise: false, rank: RANK.deletion });
  }
  return orderSteps(steps);
}

/** Whether the flow puts a before b: a container's earlier stage, or an earlier Pod-wide step. */
function precedes(a: JourneyStep, b: JourneyStep): boolean {
  if (a.container !== undefined && a.container === b.container && a.stage !== undefined && b.stage !== undefined && a.stage !== b.stage) return a.stage < b.stage;
  return a.rank !== undefined && b.rank !== undefined && a.rank < b.rank;
}

/**
 * Time order. An imprecise step (a whole second: its true moment lies in [at, at + 1 s)) is narrowed
 * to what the flow allows: no earlier than the steps that must precede it, no later than the exact
 * steps that must follow it; it then spans [at, until).
 */
function orderSteps(steps: JourneyStep[]): JourneyStep[] {
  const exact = causal(steps.filter((s) => s.precise).sort((a, b) => a.at - b.at));
  const vague = steps.filter((s) => !s.precise).map((s) => ({ ...s, until: s.at + 1000 }));
  // Lower bounds propagate through chains of imprecise steps (kubelet seen → sandbox → Ready): one pass per link.
  for (let pass = 0; pass < vague.length; pass++) {
    let moved = false;
    for (const s of vague) {
      const floor = Math.max(s.at, ...[...exact, ...vague].filter((p) => p !== s && precedes(p, s) && p.at < s.until!).map((p) => p.at));
      if (floor > s.at) [s.at, moved] = [floor, true];
    }
    if (!moved) break;
  }
  for (const s of vague) s.until = Math.max(s.at, Math.min(s.until!, ...exact.filter((p) => precedes(s, p) && p.at >= s.at).map((p) => p.at)));
  // Ties (an imprecise step narrowed onto the exact one before it) go in flow order.
  return [...exact, ...vague].sort((a, b) => a.at - b.at || (precedes(a, b) ? -1 : precedes(b, a) ? 1 : (a.precise ? 1 : 0) - (b.precise ? 1 : 0)));
}

/**
 * A container is created, then runs, then exits. Their stamps come from different places (the
 * kubelet's Event, sent after the call returned, in microseconds; the runtime's startedAt, in whole
 * milliseconds), so a later stage can read up to a millisecond earlier: it then takes the moment of
 * the stage before it. (Gaps wider than the stamps' precision are left as they are: that is data.)
 */
const PRECISION_MS = 1;
function causal(sorted: JourneyStep[]): JourneyStep[] {
  const out = sorted.map((s) => {
    const before = sorted.find((b) => b.container === s.container && (b.stage ?? 0) < (s.stage ?? 0) && b.at > s.at && b.at - s.at <= PRECISION_MS);
    return s.container && before ? { ...s, at: before.at } : s;
  });
  return out.sort((a, b) => a.at - b.at || (a.container === b.container ? (a.stage ?? 0) - (b.stage ?? 0) : 0));
}

/** Offsets are measured from the first precise step (an imprecise origin would invent fractions). */
export function journeyOrigin(steps: readonly JourneyStep[]): number {
  return (steps.find((s) => s.precise) ?? steps[0])?.at ?? 0;
}

/** Index of the step reached after the longest wait (its gap from the step before), or -1. */
export function slowestStep(steps: readonly JourneyStep[]): number {
  let best = -1;
  let gap = -1;
  for (let i = 1; i < steps.length; i++) {
    if (!steps[i].precise || !steps[i - 1].precise) continue;
    const d = steps[i].at - steps[i - 1].at;
    if (d > gap) [best, gap] = [i, d];
  }
  return best;
}

/** "12.3 ms", "1.24 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  const a = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (a < 10) return `${sign}${a.toFixed(2)} ms`;
  if (a < 1000) return `${sign}${a.toFixed(a < 100 ? 1 : 0)} ms`;
  if (a < 60_000) return `${sign}${(a / 1000).toFixed(a < 10_000 ? 2 : 1)} s`;
  return `${sign}${Math.floor(a / 60_000)} min ${Math.round((a % 60_000) / 1000)} s`;
}

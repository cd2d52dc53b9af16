// A Pod's journey as steps: the seed's creation flow (stored → bound → seen by the kubelet → sandbox
// and network → images → containers created and started → postStart → probes → Ready) and, on
// deletion, its reverse (preStop, SIGTERM, exited), read from what the cluster keeps: the Events'
// eventTime (MicroTime), the Pod's conditions, status.startTime and container states (berth's
// kubelet and runtime write these to the millisecond). creationTimestamp keeps whole seconds only
// (its wire form, as upstream's), so "stored" is shown as the span its moment lies in and is never
// the origin of the offsets.
import { SEEN_BY_SCHEDULER } from '../api/annotations.js';
import { parseTime } from '../api/time.js';
/** The seed's actors, in the order the flow passes through them. */
export const ACTORS = ['api server', 'scheduler', 'kubelet', 'runtime'];
/** The container an Event is about: its fieldPath (`spec.containers{app}`), else its message. */
function containerOf(e) {
    return /\{([^}]+)\}/.exec(e.involvedObject?.fieldPath ?? '')?.[1] ?? /container (\S+)/.exec(e.message ?? '')?.[1];
}
const imageOf = (e) => /image "([^"]+)"/.exec(e.message ?? '')?.[1] ?? '';
const hasPreStop = (pod, c) => [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((x) => x.name === c && x.lifecycle?.preStop);
/** What an Event says as a step, or undefined for Events that are not part of the flow. */
function eventStep(pod, e) {
    const c = containerOf(e) ?? '';
    const msg = e.message ?? '';
    switch (e.reason) {
        case 'Scheduled': return { actor: 'scheduler', label: `bound to ${/ to (\S+)$/.exec(msg)?.[1] ?? 'a node'}` };
        case 'FailedScheduling': return { actor: 'scheduler', label: `no node fits: ${msg}`, warning: true };
        case 'FailedCreatePodSandBox': return { actor: 'runtime', label: `sandbox failed: ${msg}`, warning: true };
        case 'Pulling': return { actor: 'kubelet', label: `pulling image ${imageOf(e)}` };
        case 'Pulled': return { actor: 'kubelet', label: /already present|using the image present/.test(msg) ? `image ${imageOf(e)} present` : `image ${imageOf(e)} pulled` };
        case 'Created': return { actor: 'runtime', label: `container ${c} created`, container: c, stage: 1 };
        case 'CompletedPostStartHook': return { actor: 'kubelet', label: `container ${c} postStart hook done` };
        case 'Killing': return { actor: 'kubelet', label: hasPreStop(pod, c) ? `stopping ${c}: its preStop hook runs` : `stopping ${c}: SIGTERM sent` };
        case 'CompletedPreStopHook': return { actor: 'kubelet', label: `${c} preStop hook done: SIGTERM sent` };
        case 'BackOff': return { actor: 'kubelet', label: /image/i.test(msg) ? `backing off pulling ${imageOf(e)}` : `container ${c} crash-looping, backing off`, warning: true };
        case 'Failed': return { actor: 'kubelet', label: `${c ? `${c}: ` : ''}${msg}`, warning: true };
        case 'FailedMount': return { actor: 'kubelet', label: `volume failed: ${msg}`, warning: true };
        case 'Unhealthy': return { actor: 'kubelet', label: `${c} ${msg}`, warning: true };
        case 'FailedPostStartHook': return { actor: 'kubelet', label: `${c} postStart failed`, warning: true };
        case 'FailedPreStopHook': return { actor: 'kubelet', label: `${c} preStop failed: SIGTERM sent`, warning: true };
        default: return undefined;
    }
}
/** A Time field's moment, precise when it carries a fraction of a second (berth writes milliseconds). */
function stamped(t) {
    const at = parseTime(t);
    return at === undefined ? undefined : { at, precise: /\.\d+Z$/.test(t) };
}
/**
 * The kubelet's readiness conditions, in the order they become True (often in the same millisecond):
 * stamped when the kubelet computed the status that says so, which is when Ready was observed.
 * Initialized is left out: its stamp is as late as that status, while the init containers' own exit
 * times (from the runtime) say when they were done.
 */
const CONDITION_LABEL = [
    ['ContainersReady', 'all containers ready (probes passing)'],
    ['Ready', 'Ready'],
];
function containerSteps(s, kind) {
    const out = [];
    for (const st of [s.lastState, s.state]) {
        const ran = st?.running ?? st?.terminated;
        const started = parseTime(ran?.startedAt);
        if (started !== undefined)
            out.push({ at: started, actor: 'runtime', label: `${kind} ${s.name} running`, precise: true, container: s.name, stage: 2 });
        const t = st?.terminated;
        const finished = parseTime(t?.finishedAt);
        if (t && finished !== undefined) {
            out.push({ at: finished, actor: 'runtime', label: `${kind} ${s.name} exited ${t.exitCode}${t.reason ? ` (${t.reason})` : ''}`, precise: true, warning: t.exitCode !== 0, container: s.name, stage: 3 });
        }
    }
    return out;
}
/** The steps of a Pod's journey, in time order. */
export function journeySteps(pod, events) {
    const steps = [];
    const created = parseTime(pod.metadata.creationTimestamp);
    if (created !== undefined)
        steps.push({ at: created, actor: 'api server', label: 'stored (creationTimestamp: to the second)', precise: false });
    const scheduled = stamped(pod.metadata.annotations?.[SEEN_BY_SCHEDULER]);
    if (scheduled)
        steps.push({ ...scheduled, actor: 'scheduler', label: 'seen by the scheduler' });
    const seen = stamped(pod.status?.startTime);
    if (seen)
        steps.push({ ...seen, actor: 'kubelet', label: `seen by the kubelet${pod.spec.nodeName ? ` on ${pod.spec.nodeName}` : ''} (startTime)` });
    const uid = pod.metadata.uid;
    // The binding's own moment (the API server stamps PodScheduled when it commits it) is truer than the
    // scheduler's Scheduled Event, sent after the binding returned, by when the kubelet may have the Pod.
    const bound = stamped(pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'True')?.lastTransitionTime);
    for (const e of events) {
        if (uid && e.involvedObject?.uid && e.involvedObject.uid !== uid)
            continue;
        const step = eventStep(pod, e);
        const at = e.reason === 'Scheduled' && bound?.precise ? bound.at : (parseTime(e.eventTime) ?? parseTime(e.firstTimestamp ?? e.lastTimestamp));
        if (!step || at === undefined)
            continue;
        // The runtime's own start times are truer than the kubelet's "Started" Event (sent after the start returned).
        if (e.reason === 'Started')
            continue;
        steps.push({ ...step, at, precise: true });
    }
    for (const s of pod.status?.initContainerStatuses ?? [])
        steps.push(...containerSteps(s, 'init container'));
    for (const s of pod.status?.containerStatuses ?? [])
        steps.push(...containerSteps(s, 'container'));
    const sandbox = stamped(pod.status?.conditions?.find((c) => c.type === 'PodReadyToStartContainers' && c.status === 'True')?.lastTransitionTime);
    if (sandbox)
        steps.push({ ...sandbox, actor: 'runtime', label: pod.spec.hostNetwork ? 'sandbox ready (host network)' : `sandbox ready, network attached (${pod.status?.podIP ?? 'no IP'})` });
    for (const [type, label] of CONDITION_LABEL) {
        const c = pod.status?.conditions?.find((x) => x.type === type && x.status === 'True');
        const at = stamped(c?.lastTransitionTime);
        if (at)
            steps.push({ ...at, actor: 'kubelet', label });
    }
    const deleting = parseTime(pod.metadata.deletionTimestamp);
    if (deleting !== undefined) {
        const grace = pod.metadata.deletionGracePeriodSeconds ?? 0;
        // deletionTimestamp is the deadline (request + grace), to the second.
        steps.push({ at: deleting - grace * 1000, actor: 'api server', label: `deletion requested (grace ${grace} s)`, precise: false });
    }
    return orderSteps(steps);
}
/**
 * Time order; an imprecise step (a whole second: its true moment lies in [at, at + 1 s)) goes before
 * the precise steps of its second, since nothing in the flow precedes "stored" or a deletion request.
 */
function orderSteps(steps) {
    const out = causal(steps.filter((s) => s.precise).sort((a, b) => a.at - b.at));
    for (const s of steps.filter((x) => !x.precise).sort((a, b) => a.at - b.at)) {
        const i = out.findIndex((p) => p.at >= s.at);
        const next = out.slice(Math.max(0, i)).find((p) => p.precise);
        const until = Math.min(s.at + 1000, i < 0 || !next ? Infinity : next.at);
        out.splice(i < 0 ? out.length : i, 0, { ...s, until });
    }
    return out;
}
/**
 * A container is created, then runs, then exits. Their stamps come from different places (the
 * kubelet's Event, sent after the call returned, in microseconds; the runtime's startedAt, in whole
 * milliseconds), so a later stage can read up to a millisecond earlier: it then takes the moment of
 * the stage before it. (Gaps wider than the stamps' precision are left as they are: that is data.)
 */
const PRECISION_MS = 1;
function causal(sorted) {
    const out = sorted.map((s) => {
        const before = sorted.find((b) => b.container === s.container && (b.stage ?? 0) < (s.stage ?? 0) && b.at > s.at && b.at - s.at <= PRECISION_MS);
        return s.container && before ? { ...s, at: before.at } : s;
    });
    return out.sort((a, b) => a.at - b.at || (a.container === b.container ? (a.stage ?? 0) - (b.stage ?? 0) : 0));
}
/** Offsets are measured from the first precise step (an imprecise origin would invent fractions). */
export function journeyOrigin(steps) {
    return (steps.find((s) => s.precise) ?? steps[0])?.at ?? 0;
}
/** Index of the step reached after the longest wait (its gap from the step before), or -1. */
export function slowestStep(steps) {
    let best = -1;
    let gap = -1;
    for (let i = 1; i < steps.length; i++) {
        if (!steps[i].precise || !steps[i - 1].precise)
            continue;
        const d = steps[i].at - steps[i - 1].at;
        if (d > gap)
            [best, gap] = [i, d];
    }
    return best;
}
/** "12.3 ms", "1.24 s", "2 min 5 s". */
export function formatDuration(ms) {
    const a = Math.abs(ms);
    const sign = ms < 0 ? '-' : '';
    if (a < 10)
        return `${sign}${a.toFixed(2)} ms`;
    if (a < 1000)
        return `${sign}${a.toFixed(a < 100 ? 1 : 0)} ms`;
    if (a < 60_000)
        return `${sign}${(a / 1000).toFixed(a < 10_000 ? 2 : 1)} s`;
    return `${sign}${Math.floor(a / 60_000)} min ${Math.round((a % 60_000) / 1000)} s`;
}
//# sourceMappingURL=journeySteps.js.map
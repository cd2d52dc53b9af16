// Why a Pod is where it is, in a learner's words: the first thing it waits for (a node, an image, a
// container's back-off, a silent node) from its status, its Events, and its node's heartbeat.
import { parseTime } from '../api/time.js';
import { parseDuration } from '../cli/duration.js';
const WORDS = ['no', 'once', 'twice', 'three times', 'four times', 'five times', 'six times', 'seven times', 'eight times', 'nine times', 'ten times'];
const times = (n) => WORDS[n] ?? `${n} times`;
const seconds = (ms) => `${Math.max(0, Math.round(ms / 1000))} s`;
/** The newest Event with one of `reasons`, about this Pod (and container, if given). */
function lastEvent(events, reasons, container) {
    const about = (e) => !container || (e.involvedObject?.fieldPath ?? '').includes(`{${container}}`) || (e.message ?? '').includes(container);
    const at = (e) => parseTime(e.eventTime) ?? parseTime(e.lastTimestamp ?? e.firstTimestamp) ?? 0;
    return events.filter((e) => reasons.includes(e.reason ?? '') && about(e)).sort((a, b) => at(b) - at(a))[0];
}
/** When the node last said it is alive (its Lease, else its Ready heartbeat). */
function lastHeard(ctx) {
    return parseTime(ctx.lease?.spec?.renewTime) ?? parseTime(ctx.node?.status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime);
}
function explainContainer(pod, s, events, ctx) {
    const w = s.state?.waiting;
    if (!w)
        return undefined;
    const image = pod.spec.containers.concat(pod.spec.initContainers ?? []).find((c) => c.name === s.name)?.image ?? s.image;
    switch (w.reason) {
        case 'CrashLoopBackOff': {
            const last = s.lastState?.terminated;
            const delay = /back-off (\S+)/.exec(w.message ?? '')?.[1];
            const finished = parseTime(last?.finishedAt);
            let next = '';
            if (delay && finished !== undefined) {
                try {
                    next = `, next try in ${seconds(finished + parseDuration(delay) - ctx.now)}`;
                }
                catch { /* an unknown back-off text: say nothing about the next try */ }
            }
            // restartCount counts the restarts so far, so the container has exited once more than that.
            const code = last ? ` (last exit code ${last.exitCode}${last.reason && last.reason !== 'Error' ? `, ${last.reason}` : ''})` : '';
            return `container ${s.name} is in CrashLoopBackOff: it has exited ${times(s.restartCount + 1)}${code}${next}`;
        }
        case 'ErrImagePull':
        case 'ImagePullBackOff':
            return `cannot pull image ${image}: ${w.message ?? w.reason}`;
        case 'ContainerCreating':
        case 'PodInitializing': {
            const reasons = ['Pulling', 'PullProgress', 'Pulled'];
            const pulling = lastEvent(events, reasons, s.name) ?? lastEvent(events, reasons);
            const name = /image "([^"]+)"/.exec(pulling?.message ?? '')?.[1] ?? image;
            if (pulling?.reason === 'PullProgress')
                return `pulling image ${name} (${/: (.+ of .+)$/.exec(pulling.message ?? '')?.[1] ?? 'under way'})`;
            if (pulling?.reason === 'Pulling') {
                const since = parseTime(pulling.eventTime) ?? parseTime(pulling.firstTimestamp);
                return `pulling image ${name}${since !== undefined ? ` (for ${seconds(ctx.now - since)})` : ''}`;
            }
            return `container ${s.name} is being created${w.message ? `: ${w.message}` : ''}`;
        }
        default:
            return `container ${s.name} is waiting: ${w.reason ?? ''}${w.message ? `: ${w.message}` : ''}`;
    }
}
/** One sentence on why the Pod is not (yet) Running and Ready, or undefined when nothing is in its way. */
export function explainWait(pod, events, ctx) {
    const st = pod.status ?? {};
    const node = pod.spec.nodeName;
    if (pod.metadata.deletionTimestamp) {
        const deadline = parseTime(pod.metadata.deletionTimestamp);
        const kill = `killed ${deadline > ctx.now ? `in ${seconds(deadline - ctx.now)}` : 'now'} if still running`;
        // A container with a preStop hook gets SIGTERM only once its hook is done (or failed).
        const hooked = (st.containerStatuses ?? []).filter((s) => s.state?.running && pod.spec.containers.find((c) => c.name === s.name)?.lifecycle?.preStop);
        const inHook = hooked.find((s) => !lastEvent(events, ['CompletedPreStopHook', 'FailedPreStopHook'], s.name));
        if (inHook)
            return `being deleted: container ${inHook.name}'s preStop hook is running; then SIGTERM, and it is ${kill}`;
        const running = (st.containerStatuses ?? []).filter((s) => s.state?.running).map((s) => s.name);
        return running.length ? `being deleted: SIGTERM sent to ${running.join(', ')}; ${running.length > 1 ? 'they are' : 'it is'} ${kill}` : 'being deleted: its containers have stopped; the kubelet removes it';
    }
    const heard = lastHeard(ctx);
    const ready = ctx.node?.status?.conditions?.find((c) => c.type === 'Ready');
    if (node && (st.phase === 'Unknown' || (ready && ready.status !== 'True'))) {
        return `node ${node} stopped reporting${heard !== undefined ? ` ${seconds(ctx.now - heard)} ago` : ''}: phase ${st.phase ?? 'Pending'}`;
    }
    if (!node) {
        const cond = st.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
        const why = cond?.message ?? lastEvent(events, ['FailedScheduling'])?.message;
        return why ? `waiting for a node: ${why}` : 'waiting for the scheduler to pick a node';
    }
    if (st.phase === 'Succeeded')
        return 'finished: every container exited 0';
    if (st.phase === 'Failed') {
        const bad = st.containerStatuses?.find((c) => c.state?.terminated && c.state.terminated.exitCode !== 0);
        return `failed: ${bad ? `container ${bad.name} exited ${bad.state.terminated.exitCode}` : st.message ?? st.reason ?? 'see its Events'}`;
    }
    for (const s of [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])]) {
        const why = explainContainer(pod, s, events, ctx);
        if (why)
            return why;
    }
    if (!st.containerStatuses?.length) {
        const sandboxFailed = lastEvent(events, ['FailedCreatePodSandBox', 'FailedMount']);
        return sandboxFailed ? `the kubelet on ${node} cannot set it up: ${sandboxFailed.message}` : `bound to ${node}; waiting for its kubelet to start it`;
    }
    const notReady = st.containerStatuses.find((c) => c.state?.running && !c.ready);
    if (notReady) {
        const probe = lastEvent(events, ['Unhealthy'], notReady.name);
        return `container ${notReady.name} is running but not ready${probe ? `: ${probe.message}` : ': waiting for its readiness probe to pass'}`;
    }
    return undefined;
}
//# sourceMappingURL=journeyWait.js.map
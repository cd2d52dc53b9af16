// The decision at the heart of the kubelet: given a Pod and what the runtime shows of it, what must be
// done now. A plain value out, no side effects, so every rule is table-tested without a runtime.
import { ephemeralContainersToStart } from './ephemeral.js';
import { backoffKey, backoffRemaining, goDuration } from './backoff.js';
import { containerNameOf, instancesOf, latestOf, sandboxAttemptOf } from './observed.js';
export function isTerminalPhase(phase) {
    return phase === 'Succeeded' || phase === 'Failed';
}
/** Whether restartPolicy asks for another run of a container that exited with this code. */
export function shouldRestart(restartPolicy, exitCode) {
    if (restartPolicy === 'Never')
        return false;
    if (restartPolicy === 'OnFailure')
        return exitCode !== 0;
    return true;
}
function succeeded(c) {
    return c?.state === 'exited' && c.exitCode === 0;
}
function finishedAtMs(c) {
    return Date.parse(c.finishedAt ?? c.startedAt ?? c.createdAt) || 0;
}
export function crashLoopMessage(pod, name, delayMs) {
    const m = pod.metadata;
    return `back-off ${goDuration(delayMs)} restarting failed container=${name} pod=${m.name}_${m.namespace}(${m.uid})`;
}
export const PROBE_FAILURE = 'ProbeFailure';
/** The grace period a deletion asked for, else the spec's. */
export function gracePeriodOf(pod) {
    return pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
}
function noActions() {
    return { killPod: false, createSandbox: false, attempt: 0, initContainersToStart: [], containersToStart: [], ephemeralContainersToStart: [], containersToKill: [], backingOff: [] };
}
/** A native sidecar (KEP-753): an init container that keeps running beside the app containers. */
export function isSidecar(c) {
    return c.restartPolicy === 'Always';
}
/** The Pod's sidecars, in spec order. */
export function sidecarsOf(pod) {
    return (pod.spec.initContainers ?? []).filter(isSidecar);
}
/**
 * Stop what runs of the Pod. Without a Pod (an orphan the API does not know) every sandbox is stopped
 * and the runtime stops what is in it.
 */
export function computeKillPlan(pod, observed, graceSeconds) {
    if (!pod)
        return { graceSeconds, steps: [], sandboxIds: observed.sandboxes.map((s) => s.id) };
    const running = observed.containers.filter((c) => c.state === 'running');
    const kill = (list) => list.map((c) => ({ id: c.id, name: containerNameOf(c), reason: 'Killing', message: `Stopping container ${containerNameOf(c)}` }));
    // The app containers first, then the sidecars one by one in reverse order, so each outlives what uses it.
    const sidecars = sidecarsOf(pod).map((c) => c.name);
    const steps = [kill(running.filter((c) => !sidecars.includes(containerNameOf(c))))];
    for (const name of sidecars.reverse())
        steps.push(kill(running.filter((c) => containerNameOf(c) === name)));
    return { graceSeconds, steps: steps.filter((s) => s.length > 0), sandboxIds: observed.sandboxes.filter((s) => s.state === 'ready').map((s) => s.id) };
}
/**
 * What the pod worker does in its state: syncing moves the Pod towards its spec; terminating stops it
 * within the deletion's grace period (pod undefined: an orphan); terminated removes what is left.
 */
export function computePodActions(pod, observed, nowMs, backoff, probes, state = 'syncing') {
    if (state === 'terminated') {
        return { ...noActions(), cleanup: { containerIds: observed.containers.map((c) => c.id), sandboxIds: observed.sandboxes.map((s) => s.id) } };
    }
    if (!pod || state === 'terminating') {
        return { ...noActions(), killPod: true, kill: computeKillPlan(pod, observed, pod ? gracePeriodOf(pod) : 0) };
    }
    const actions = computeSyncActions(pod, observed, nowMs, backoff, probes);
    return actions.killPod ? { ...actions, kill: computeKillPlan(pod, observed, pod.spec.terminationGracePeriodSeconds ?? 30) } : actions;
}
function computeSyncActions(pod, observed, nowMs, backoff, probes) {
    const policy = pod.spec.restartPolicy ?? 'Always';
    const inits = pod.spec.initContainers ?? [];
    const actions = noActions();
    if (isTerminalPhase(pod.status?.phase))
        return { ...actions, killPod: true };
    const sandbox = observed.sandboxes[0];
    if (!sandbox || sandbox.state !== 'ready') {
        actions.attempt = sandbox ? sandboxAttemptOf(sandbox) + 1 : 0;
        actions.killPod = !!sandbox || observed.containers.some((c) => c.state === 'running');
        // A Never pod whose sandbox died after its containers ran is over: it gets no second sandbox.
        if (sandbox && policy === 'Never' && observed.containers.length > 0)
            return { ...actions, killPod: true };
        const toStart = pod.spec.containers
            .filter((c) => !(policy === 'OnFailure' && succeeded(latestOf(observed, c.name))))
            .map((c) => c.name);
        if (toStart.length === 0)
            return { ...actions, killPod: true };
        actions.createSandbox = true;
        if (inits.length > 0)
            actions.initContainersToStart = [inits[0].name];
        else
            actions.containersToStart = toStart;
        return actions;
    }
    actions.sandboxId = sandbox.id;
    const inSandbox = { sandboxes: observed.sandboxes, containers: observed.containers.filter((c) => c.sandboxId === sandbox.id) };
    killStrays(pod, observed, actions);
    actions.ephemeralContainersToStart = ephemeralContainersToStart(pod, observed);
    if (!computeInitActions(pod, inSandbox, { nowMs, backoff, probes }, actions))
        return actions;
    let keep = 0;
    for (const c of pod.spec.containers) {
        const latest = latestOf(observed, c.name);
        if (!latest) {
            actions.containersToStart.push(c.name);
        }
        else if (latest.state === 'running' && probes?.failed(latest.id)) {
            killForProbe(pod, c, observed, probes.failed(latest.id), { nowMs, backoff }, actions, shouldRestart(policy, 1));
            keep++;
        }
        else if (latest.state === 'running' || latest.state === 'unknown') {
            // unknown: the process ended and its live conmon is recording the exit (a lost exit is reported as
            // exited by the runtime); the relist will see it.
            keep++;
        }
        else if (latest.state === 'exited') {
            if (shouldRestart(policy, latest.exitCode) && restartOrBackOff(pod, c, latest, nowMs, backoff, actions))
                keep++;
        }
        else {
            // Created but never started (the kubelet stopped in between): nothing to wait for, start afresh.
            actions.containersToKill.push({ id: latest.id, name: c.name, reason: 'Unknown', message: `Container ${c.name} is in state ${latest.state}, will be restarted` });
            actions.containersToStart.push(c.name);
        }
    }
    if (keep === 0 && actions.containersToStart.length === 0) {
        // The app containers are done: sidecars do not keep the Pod alive, they are stopped with it.
        const sidecars = new Set(sidecarsOf(pod).map((c) => c.name));
        actions.killPod = true;
        actions.initContainersToStart = [];
        actions.backingOff = actions.backingOff.filter((b) => !sidecars.has(b.name));
        actions.containersToKill = actions.containersToKill.filter((k) => !sidecars.has(k.name));
    }
    return actions;
}
/**
 * A failed liveness or startup probe kills the container and, when the policy allows, restarts it in
 * the same sync; an earlier instance that ended recently puts the restart in CrashLoopBackOff instead.
 */
function killForProbe(pod, c, observed, failure, at, actions, restart) {
    const [latest, ...older] = instancesOf(observed, c.name);
    const message = isSidecar(c) ? `Init container ${c.name} failed ${failure.probe} probe` : `Container ${c.name} failed ${failure.probe} probe${restart ? ', will be restarted' : ''}`;
    actions.containersToKill.push({ id: latest.id, name: c.name, reason: PROBE_FAILURE, message, ...(failure.graceSeconds ? { graceSeconds: failure.graceSeconds } : {}) });
    if (!restart)
        return;
    const ended = older.find((s) => s.state === 'exited');
    if (ended)
        restartOrBackOff(pod, c, ended, at.nowMs, at.backoff, actions);
    else
        startNow(pod, c, actions);
}
function startNow(pod, c, actions) {
    const isInit = (pod.spec.initContainers ?? []).some((i) => i.name === c.name);
    if (isInit)
        actions.initContainersToStart.push(c.name);
    else
        actions.containersToStart.push(c.name);
}
/** Kill running instances that are not the latest of their name, or not in the spec at all. */
function killStrays(pod, observed, actions) {
    const names = new Set([...(pod.spec.initContainers ?? []), ...pod.spec.containers, ...(pod.spec.ephemeralContainers ?? [])].map((c) => c.name));
    for (const c of observed.containers) {
        if (c.state !== 'running')
            continue;
        const name = containerNameOf(c);
        if (!names.has(name)) {
            actions.containersToKill.push({ id: c.id, name, reason: 'NotInSpec', message: `Container ${name} is not in the pod spec` });
        }
        else if (instancesOf(observed, name)[0]?.id !== c.id) {
            actions.containersToKill.push({ id: c.id, name, reason: 'Superseded', message: `Container ${name} has a newer instance` });
        }
    }
}
/**
 * The init containers' step (KEP-753's rules): walked from the last one that ran, since finished ones may
 * have been removed. A regular one must exit 0 before the next starts; a sidecar must be running and
 * started (its startup probe passed) before the next starts, and is restarted whenever it exits, whatever
 * the Pod's restartPolicy, as long as the Pod runs. Returns whether the Pod is initialized.
 */
function computeInitActions(pod, inSandbox, at, actions) {
    const inits = pod.spec.initContainers ?? [];
    // A regular container seen in this sandbox means initialisation finished, even if init containers were since removed.
    let initialized = inits.length === 0 || pod.spec.containers.some((c) => latestOf(inSandbox, c.name));
    let sawLater = initialized;
    for (let i = inits.length - 1; i >= 0; i--) {
        const c = inits[i];
        const sidecar = isSidecar(c);
        const latest = latestOf(inSandbox, c.name);
        if (!latest) {
            // A sidecar that vanished after the ones behind it ran is started again.
            if (sawLater && sidecar)
                actions.initContainersToStart.push(c.name);
            continue;
        }
        if (sawLater && !sidecar)
            continue;
        const next = inits[i + 1];
        const done = () => {
            if (!next)
                initialized = true;
            else if (!sawLater)
                actions.initContainersToStart.push(next.name);
        };
        if (latest.state === 'created') {
            actions.containersToKill.push({ id: latest.id, name: c.name, reason: 'Unknown', message: `Init container ${c.name} is in state ${latest.state}, will be restarted` });
            actions.initContainersToStart.push(c.name);
        }
        else if (latest.state === 'running' && sidecar) {
            const failure = at.probes?.failed(latest.id);
            if (failure)
                killForProbe(pod, c, inSandbox, failure, at, actions, true);
            else if (at.probes?.isStarted?.(c, latest.id) ?? true)
                done();
        }
        else if (latest.state === 'exited' && sidecar) {
            restartOrBackOff(pod, c, latest, at.nowMs, at.backoff, actions);
        }
        else if (latest.state === 'exited' && latest.exitCode !== 0) {
            if ((pod.spec.restartPolicy ?? 'Always') === 'Never') {
                actions.killPod = true;
                actions.initContainersToStart = [];
                return false;
            }
            restartOrBackOff(pod, c, latest, at.nowMs, at.backoff, actions);
        }
        else if (latest.state === 'exited') {
            done();
        }
        // A regular init container running, or any in 'unknown' (its exit being recorded): wait.
        sawLater = true;
    }
    if (!sawLater)
        actions.initContainersToStart.push(inits[0].name);
    const order = (name) => inits.findIndex((c) => c.name === name);
    actions.initContainersToStart.sort((a, b) => order(a) - order(b));
    return initialized;
}
/** Schedule a restart now, or note the backoff still owed. Returns true when it backs off. */
function restartOrBackOff(pod, c, latest, nowMs, backoff, actions) {
    const { remainingMs, delayMs } = backoffRemaining(backoff, backoffKey(pod.metadata.uid ?? '', c.name), finishedAtMs(latest), nowMs);
    if (remainingMs > 0) {
        actions.backingOff.push({ name: c.name, delayMs, message: crashLoopMessage(pod, c.name, delayMs) });
        const at = nowMs + remainingMs;
        actions.nextSyncAtMs = Math.min(actions.nextSyncAtMs ?? at, at);
        return true;
    }
    startNow(pod, c, actions);
    return false;
}
//# sourceMappingURL=podActions.js.map
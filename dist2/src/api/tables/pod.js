// The Pod row of `kubectl get pods`: READY, STATUS and RESTARTS computed exactly as upstream's printPod.
import { since } from './duration.js';
import { ageColumn, column, core, doc, nameColumn } from './columns.js';
export function podColumns() {
    return [
        nameColumn(),
        column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
        column('Status', 'The aggregate status of the containers in this pod.'),
        column('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
        ageColumn(),
        column('IP', doc(core('PodStatus'), 'podIP'), { priority: 1 }),
        column('Node', doc(core('PodSpec'), 'nodeName'), { priority: 1 }),
        column('Nominated Node', doc(core('PodStatus'), 'nominatedNodeName'), { priority: 1 }),
        column('Readiness Gates', doc(core('PodSpec'), 'readinessGates'), { priority: 1 }),
    ];
}
/** Row conditions upstream attaches to finished pods (kubectl hides them unless --show-all). */
export function podRowConditions(pod) {
    if (pod.status?.phase === 'Succeeded')
        return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
    if (pod.status?.phase === 'Failed')
        return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    return undefined;
}
const later = (a, b) => (b && (!a || Date.parse(b) > Date.parse(a)) ? b : a);
export function podCells(pod, now) {
    const spec = pod.spec ?? {};
    const status = pod.status ?? {};
    const restartable = new Set((spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
    const total = (spec.containers ?? []).length + restartable.size;
    let ready = 0;
    let restarts = 0;
    let sidecarRestarts = 0;
    let lastRestart = '';
    let lastSidecarRestart = '';
    let reason = status.reason || status.phase || '';
    if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated'))
        reason = 'SchedulingGated';
    let initializing = false;
    const inits = status.initContainerStatuses ?? [];
    for (let i = 0; i < inits.length; i++) {
        const c = inits[i];
        restarts += c.restartCount ?? 0;
        lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
        const sidecar = restartable.has(c.name);
        if (sidecar) {
            sidecarRestarts += c.restartCount ?? 0;
            lastSidecarRestart = later(lastSidecarRestart, c.lastState?.terminated?.finishedAt);
        }
        const term = c.state?.terminated;
        const waiting = c.state?.waiting;
        if (term && term.exitCode === 0)
            continue;
        if (sidecar && c.started) {
            if (c.ready)
                ready++;
            continue;
        }
        if (term)
            reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
        else if (waiting?.reason && waiting.reason !== 'PodInitializing')
            reason = `Init:${waiting.reason}`;
        else
            reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
        initializing = true;
        break;
    }
    const initialized = status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
    if (!initializing || initialized) {
        restarts = sidecarRestarts;
        lastRestart = lastSidecarRestart;
        let hasRunning = false;
        const cs = status.containerStatuses ?? [];
        for (let i = cs.length - 1; i >= 0; i--) {
            const c = cs[i];
            restarts += c.restartCount ?? 0;
            lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
            const { waiting, terminated, running } = c.state ?? {};
            if (waiting?.reason)
                reason = waiting.reason;
            else if (terminated?.reason)
                reason = terminated.reason;
            else if (terminated)
                reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
            else if (c.ready && running) {
                hasRunning = true;
                ready++;
            }
        }
        // A container that completed while another still runs does not make the pod "Completed".
        if (reason === 'Completed' && hasRunning) {
            reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
        }
    }
    if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost')
        reason = 'Unknown';
    else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed')
        reason = 'Terminating';
    const restartsCell = restarts !== 0 && lastRestart ? `${restarts} (${since(lastRestart, now)} ago)` : String(restarts);
    let gates = '<none>';
    if (spec.readinessGates?.length) {
        const trueCount = spec.readinessGates.filter((g) => status.conditions?.find((c) => c.type === g.conditionType)?.status === 'True').length;
        gates = `${trueCount}/${spec.readinessGates.length}`;
    }
    return [
        pod.metadata.name ?? '',
        `${ready}/${total}`,
        reason,
        restartsCell,
        since(pod.metadata.creationTimestamp, now),
        // Upstream converts a v1 status with only podIP into podIPs[0] before printing.
        status.podIPs?.[0]?.ip || status.podIP || '<none>',
        spec.nodeName || '<none>',
        status.nominatedNodeName || '<none>',
        gates,
    ];
}
//# sourceMappingURL=pod.js.map
// Ephemeral containers (kubectl debug): started once in the Pod's running sandbox when they appear in
// the spec, even before initialisation is done, and never restarted; one with a targetContainerName
// joins that container's process namespace, so it sees the target's processes.
import { ContainerError } from './errors.js';
import { latestOf } from './observed.js';
export function ephemeralSpecOf(pod, name) {
    return pod.spec.ephemeralContainers?.find((c) => c.name === name);
}
/** The ephemeral containers that never ran, in any sandbox of the Pod: each runs at most once. */
export function ephemeralContainersToStart(pod, observed) {
    return (pod.spec.ephemeralContainers ?? []).filter((c) => !latestOf(observed, c.name)).map((c) => c.name);
}
/** What an ephemeral container adds to its runtime config: the target's pid namespace, when it names one. */
export function ephemeralRuntimeFields(pod, name, observed) {
    const target = ephemeralSpecOf(pod, name)?.targetContainerName;
    if (!target)
        return {};
    const running = latestOf(observed, target);
    if (running?.state !== 'running')
        throw new ContainerError('CreateContainerConfigError', `target container "${target}" is not currently running`);
    return { pidNamespaceOf: running.id };
}
/**
 * ephemeralContainerStatuses: each container's status as a regular one's, but never ready (no probes,
 * no part in the Pod's readiness) and with no `started`, as the kubelet reports them.
 */
export function ephemeralStatuses(pod, status) {
    const old = pod.status?.ephemeralContainerStatuses ?? [];
    return (pod.spec.ephemeralContainers ?? []).map((c) => {
        const { started: _started, ...s } = status(c, old.find((o) => o.name === c.name));
        return { ...s, ready: false };
    });
}
//# sourceMappingURL=ephemeral.js.map
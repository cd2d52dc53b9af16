// The scheduler's writes: the Binding that places a Pod, and, when nothing fits, the PodScheduled
// condition and the FailedScheduling event that `kubectl describe` shows.
import { pods } from '../client/resources.js';
import { SEEN_BY_SCHEDULER } from '../api/annotations.js';
import { microTime, rfc3339 } from '../api/time.js';
export class Binder {
    #client;
    #recorder;
    constructor(client, recorder) {
        this.#client = client;
        this.#recorder = recorder;
    }
    /**
     * POST pods/<name>/binding; the API server refuses (409) a Pod that is already bound. seenAt, when
     * the scheduler first saw the Pod, rides on the Binding as an annotation the API server copies onto
     * the Pod (as it copies any Binding's), so a Pod's journey can show that step.
     */
    async bind(pod, nodeName, seenAt) {
        const { name, namespace } = pod.metadata;
        const binding = {
            apiVersion: 'v1',
            kind: 'Binding',
            metadata: {
                name: name, namespace: namespace, ...(pod.metadata.uid ? { uid: pod.metadata.uid } : {}),
                ...(seenAt !== undefined ? { annotations: { [SEEN_BY_SCHEDULER]: microTime(seenAt) } } : {}),
            },
            target: { kind: 'Node', name: nodeName },
        };
        await this.#client.create(pods, namespace, binding, { name, subresource: 'binding' });
        this.#recorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${nodeName}`, { action: 'Binding' });
    }
    /**
     * Records why the Pod does not fit, and the node its preemption freed room on (nominatedNodeName);
     * the status write is skipped when it would change nothing. The condition goes as a strategic merge
     * keyed by type, as upstream's scheduler patches it: a merge patch of the whole list would wipe a
     * condition the kubelet wrote since this scheduler's copy of the Pod was taken.
     */
    async unschedulable(pod, message, nominatedNodeName) {
        this.#recorder.event(pod, 'Warning', 'FailedScheduling', message, { action: 'Scheduling' });
        const condition = unschedulableCondition(pod.status?.conditions ?? [], message, rfc3339());
        const nominate = nominatedNodeName !== undefined && pod.status?.nominatedNodeName !== nominatedNodeName;
        if (!condition && !nominate)
            return;
        const status = { ...(condition ? { conditions: [condition] } : {}), ...(nominate ? { nominatedNodeName } : {}) };
        await this.#client.patch(pods, pod.metadata.namespace, pod.metadata.name, 'strategic', { status }, { subresource: 'status' });
    }
    /**
     * Evicts a preemption victim as upstream does: the DisruptionTarget condition first (so its owner
     * can tell why it went), then a graceful delete of exactly this Pod, and a Preempted event on it.
     */
    async preempt(victim, preemptor, nodeName, schedulerName) {
        const { namespace, name, uid } = victim.metadata;
        const condition = { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${schedulerName}: preempting to accommodate a higher priority pod`, lastTransitionTime: rfc3339() };
        await this.#client.patch(pods, namespace, name, 'strategic', { status: { conditions: [condition] } }, { subresource: 'status' });
        await this.#client.delete(pods, namespace, name, { preconditions: { uid } });
        this.#recorder.event(victim, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${nodeName}`, { action: 'Preempting' });
    }
}
/**
 * The PodScheduled False/Unschedulable condition to write, or null if the Pod already says so. The
 * transition time moves only when the status changes, as Kubernetes keeps it.
 */
export function unschedulableCondition(conditions, message, now) {
    const prev = conditions.find((c) => c.type === 'PodScheduled');
    if (prev && prev.status === 'False' && prev.reason === 'Unschedulable' && prev.message === message)
        return null;
    return {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: prev?.status === 'False' && prev.lastTransitionTime ? prev.lastTransitionTime : now,
        reason: 'Unschedulable',
        message,
    };
}
//# sourceMappingURL=binder.js.map
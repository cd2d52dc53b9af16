// Sends a Pod's status only when it changed, and remembers what was sent so the next computation
// builds on it (startTime, lastTransitionTime, a terminal phase) even before the watch echoes it.
import { isApiError } from '../api/errors.js';
import { isTerminalPhase } from './podActions.js';
export class StatusManager {
    #cluster;
    #sent = new Map();
    constructor(cluster) {
        this.#cluster = cluster;
    }
    /** The Pod with the newest status this kubelet knows of (its own last write wins over a stale watch). */
    withLatestStatus(pod) {
        const sent = this.#sent.get(pod.metadata.uid ?? '');
        return sent ? { ...pod, status: { ...pod.status, ...sent.status } } : pod;
    }
    /** PATCH when different from the last write; a Pod already gone is not an error. */
    async set(pod, status) {
        const uid = pod.metadata.uid ?? '';
        const prev = this.#sent.get(uid);
        const next = prev && isTerminalPhase(prev.status.phase) && !isTerminalPhase(status.phase) ? { ...status, phase: prev.status.phase } : status;
        const text = JSON.stringify(next);
        if (prev?.text === text)
            return false;
        try {
            await this.#cluster.patchPodStatus(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '', uid, next);
        }
        catch (e) {
            if (isApiError(e, 'NotFound'))
                return false;
            throw e;
        }
        this.#sent.set(uid, { status: next, text });
        return true;
    }
    forget(uid) {
        this.#sent.delete(uid);
    }
}
//# sourceMappingURL=statusManager.js.map
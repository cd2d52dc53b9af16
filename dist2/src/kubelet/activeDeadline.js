// spec.activeDeadlineSeconds: counted from status.startTime; once past it the kubelet fails the Pod
// (reason and message as upstream's active deadline handler) and kills its containers.
export const DEADLINE_EXCEEDED = {
    reason: 'DeadlineExceeded',
    message: 'Pod was active on the node longer than the specified deadline',
};
/** When the Pod's deadline falls, in ms since the epoch, or undefined when it has none (yet). */
export function activeDeadlineAtMs(pod) {
    const seconds = pod.spec.activeDeadlineSeconds;
    const start = Date.parse(pod.status?.startTime ?? '');
    return seconds === undefined || Number.isNaN(start) ? undefined : start + seconds * 1000;
}
export function pastActiveDeadline(pod, nowMs) {
    const at = activeDeadlineAtMs(pod);
    return at !== undefined && nowMs >= at;
}
//# sourceMappingURL=activeDeadline.js.map
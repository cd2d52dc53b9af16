// Labels the kubelet puts on sandboxes and containers. They are how it finds a Pod's containers
// again after its own restart (adoption), so everything needed to rebuild the status lives here.
export const POD_UID = 'io.kubernetes.pod.uid';
export const POD_NAME = 'io.kubernetes.pod.name';
export const POD_NAMESPACE = 'io.kubernetes.pod.namespace';
export const CONTAINER_NAME = 'io.kubernetes.container.name';
export const RESTART_COUNT = 'io.kubernetes.container.restartCount';
/** The image as the user named it, normalised (status.containerStatuses[].image). */
export const IMAGE_NAME = 'io.berth.image.name';
/** `<repo>@<digest>` or the image id (status.containerStatuses[].imageID). */
export const IMAGE_ID = 'io.berth.image.id';
/** Sandbox attempt number, so a replaced sandbox can be told from the current one. */
export const SANDBOX_ATTEMPT = 'io.berth.sandbox.attempt';
export function podLabels(pod) {
    return {
        [POD_UID]: pod.metadata.uid ?? '',
        [POD_NAME]: pod.metadata.name ?? '',
        [POD_NAMESPACE]: pod.metadata.namespace ?? 'default',
    };
}
//# sourceMappingURL=labels.js.map
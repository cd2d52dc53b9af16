// Make a container's image present according to its imagePullPolicy, with the kubelet's events and
// its own backoff between failed pulls (ImagePullBackOff).
import { backoffNext, backoffRemaining } from './backoff.js';
import { ContainerError } from './errors.js';
export function defaultPullPolicy(image) {
    if (image.includes('@'))
        return 'IfNotPresent';
    const lastPart = image.slice(image.lastIndexOf('/') + 1);
    const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : '';
    return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}
/** Each fifth of a pull that lasts this long gets a PullProgress Event; quick pulls get none. */
export const PROGRESS_AFTER_MS = 1000;
const mb = (n) => `${(n / 1e6).toFixed(n < 10e6 ? 1 : 0)} MB`;
/**
 * Not an upstream Event: how far a long pull has come ("12 MB of 48 MB"), so that a Pod waiting on
 * its image can say so. A new Event at each fifth of the bytes keeps it to four writes a pull.
 */
export function pullProgressEvents(image, events, startedMs) {
    const bytes = new Map();
    let reported = 0;
    return (p) => {
        bytes.set(p.layer, p.current);
        const total = p.imageTotal ?? 0;
        if (total <= 0 || Date.now() - startedMs < PROGRESS_AFTER_MS)
            return;
        let done = 0;
        for (const n of bytes.values())
            done += n;
        const fifth = Math.floor((5 * done) / total);
        if (fifth <= reported || fifth >= 5)
            return;
        reported = fifth;
        events('Normal', 'PullProgress', `Pulling image "${image}": ${mb(done)} of ${mb(total)}`);
    };
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}
export async function ensureImage(pod, c, images, events, state, nowMs = Date.now()) {
    const image = c.image ?? '';
    const policy = c.imagePullPolicy ?? defaultPullPolicy(image);
    let present;
    try {
        present = await images.imageStatus(image);
    }
    catch (e) {
        if (e.reason !== 'InvalidImageName')
            throw e;
        const message = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
        events('Warning', 'InspectFailed', message);
        throw new ContainerError('InvalidImageName', message);
    }
    if (present && policy !== 'Always') {
        events('Normal', 'Pulled', `Container image "${image}" already present on machine`);
        return present;
    }
    if (policy === 'Never') {
        const message = `Container image "${image}" is not present with pull policy of Never`;
        events('Warning', 'ErrImageNeverPull', message);
        throw new ContainerError('ErrImageNeverPull', message);
    }
    const key = `${pod.metadata.uid}/${image}`;
    const last = state.backoff.get(key);
    if (last && backoffRemaining(state.backoff, key, last.lastUpdateMs, nowMs).remainingMs > 0) {
        const message = `Back-off pulling image "${image}"`;
        events('Normal', 'BackOff', message);
        throw new ContainerError('ImagePullBackOff', message);
    }
    events('Normal', 'Pulling', `Pulling image "${image}"`);
    const started = Date.now();
    try {
        const ref = await images.pullImage(image, { onProgress: pullProgressEvents(image, events, started) });
        const took = seconds(Date.now() - started);
        events('Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${ref.size} bytes.`);
        state.backoff.delete(key);
        return ref;
    }
    catch (e) {
        // berth's own images are built or imported, with no registry to ask: "Always" cannot refresh them,
        // so a present local image is used rather than failing every Pod that names busybox:latest.
        // The Event says truthfully that the registry was not reached and where the local image came from.
        if (present && !present.source?.startsWith('pulled from')) {
            const why = e.message.split('\n')[0];
            events('Normal', 'Pulled', `Container image "${image}" could not be pulled (${why}); using the image present on machine, ${present.source ?? 'imported'}`);
            return present;
        }
        state.backoff.set(key, backoffNext(state.backoff, key, nowMs));
        const detail = e.message;
        events('Warning', 'Failed', `Failed to pull image "${image}": ${detail}`);
        events('Warning', 'Failed', 'Error: ErrImagePull');
        const reason = e.reason === 'InvalidImageName' ? 'InvalidImageName' : 'ErrImagePull';
        throw new ContainerError(reason, `failed to pull and unpack image "${image}": ${detail}`);
    }
}
//# sourceMappingURL=imagePull.js.map
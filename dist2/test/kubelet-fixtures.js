// Builders for kubelet tests: Pods and runtime observations in as few words as a table row needs.
import { CONTAINER_NAME, POD_UID, RESTART_COUNT, SANDBOX_ATTEMPT } from '../src/kubelet/labels.js';
export const T0 = Date.parse('2024-05-01T10:00:00Z');
export const iso = (ms) => new Date(ms).toISOString();
export function pod(spec = {}, extra = {}) {
    return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web', namespace: 'default', uid: 'uid-1' },
        ...extra,
        spec: { containers: [{ name: 'app', image: 'busybox' }], ...spec },
    };
}
export function sandbox(state = 'ready', attempt = 0, id = `sb${attempt}`) {
    return { id, podUid: 'uid-1', state, ip: '10.244.0.5', labels: { [POD_UID]: 'uid-1', [SANDBOX_ATTEMPT]: String(attempt) }, createdAt: iso(T0) };
}
export function ctr(name, state, o = {}) {
    const restart = o.restart ?? 0;
    return {
        id: o.id ?? `${name}-${restart}`,
        sandboxId: o.sandboxId ?? 'sb0',
        name,
        state,
        imageRef: 'sha256:abc',
        createdAt: iso(o.startedAt ?? T0),
        ...(state !== 'created' ? { startedAt: iso(o.startedAt ?? T0) } : {}),
        ...(state === 'exited' ? { finishedAt: iso(o.finishedAt ?? T0 + 1000), exitCode: o.exit ?? 0 } : {}),
        ...(o.reason ? { reason: o.reason } : {}),
        logPath: `/logs/${name}/${restart}.log`,
        labels: { [POD_UID]: 'uid-1', [CONTAINER_NAME]: name, [RESTART_COUNT]: String(restart) },
    };
}
export function observed(containers = [], sandboxes = [sandbox()]) {
    return { sandboxes, containers };
}
//# sourceMappingURL=kubelet-fixtures.js.map
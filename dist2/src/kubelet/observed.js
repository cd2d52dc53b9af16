// What the runtime shows of one Pod, grouped so decisions can ask "the latest instance of container
// x" without scanning. Built from listPodSandboxes/listContainers by the relister and once per sync;
// the sync records what its actions changed in a copy, so the status needs no second listing.
import { CONTAINER_NAME, POD_UID, RESTART_COUNT, SANDBOX_ATTEMPT } from './labels.js';
/** The Pod's own container name (the runtime's name may be decorated). */
export function containerNameOf(c) {
    return c.labels[CONTAINER_NAME] ?? c.name;
}
export function restartCountOf(c) {
    return Number(c.labels[RESTART_COUNT] ?? 0) || 0;
}
export function sandboxAttemptOf(s) {
    return Number(s.labels[SANDBOX_ATTEMPT] ?? 0) || 0;
}
/** Instances of one container, newest (highest restart count) first. */
export function instancesOf(observed, name) {
    return observed.containers
        .filter((c) => containerNameOf(c) === name)
        .sort((a, b) => restartCountOf(b) - restartCountOf(a) || b.createdAt.localeCompare(a.createdAt));
}
export function latestOf(observed, name) {
    return instancesOf(observed, name)[0];
}
/** Group everything the runtime reports by Pod uid. */
export function groupByPod(sandboxes, containers) {
    const byPod = new Map();
    const entry = (uid) => {
        let o = byPod.get(uid);
        if (!o)
            byPod.set(uid, (o = { sandboxes: [], containers: [] }));
        return o;
    };
    for (const s of sandboxes)
        entry(s.podUid).sandboxes.push(s);
    for (const c of containers) {
        const uid = c.labels[POD_UID];
        if (uid)
            entry(uid).containers.push(c);
    }
    for (const o of byPod.values()) {
        o.sandboxes.sort((a, b) => sandboxAttemptOf(b) - sandboxAttemptOf(a) || b.createdAt.localeCompare(a.createdAt));
    }
    return byPod;
}
/** The one listing of the runtime a sync takes: this Pod's sandboxes and containers. */
export async function observePod(runtime, uid) {
    const [sandboxes, containers] = await Promise.all([runtime.listPodSandboxes(), runtime.listContainers({ labels: { [POD_UID]: uid } })]);
    return groupByPod(sandboxes.filter((s) => s.podUid === uid), containers).get(uid) ?? { sandboxes: [], containers: [] };
}
/** A copy for recording the results of actions, leaving the snapshot they were decided on as it was. */
export function copyObserved(o) {
    return { sandboxes: [...o.sandboxes], containers: [...o.containers] };
}
/** Record a container's status as the runtime gave it after an action; null: it is gone. */
export function putContainer(o, id, s) {
    const i = o.containers.findIndex((c) => c.id === id);
    if (s && i >= 0)
        o.containers[i] = s;
    else if (s)
        o.containers.push(s);
    else if (i >= 0)
        o.containers.splice(i, 1);
}
/** Record a sandbox's status after an action; a new one is the newest. null: it is gone. */
export function putSandbox(o, id, s) {
    const i = o.sandboxes.findIndex((x) => x.id === id);
    if (s && i >= 0)
        o.sandboxes[i] = s;
    else if (s)
        o.sandboxes.unshift(s);
    else if (i >= 0)
        o.sandboxes.splice(i, 1);
}
//# sourceMappingURL=observed.js.map
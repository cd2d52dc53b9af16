// The arithmetic of a Deployment's rollout, free of I/O: template hashes, revisions, the surge and
// unavailability limits, and the status and conditions a set of ReplicaSets adds up to.
import { canonicalJson } from '../api/validation/equal.js';
import { rfc3339 } from '../api/time.js';
export const HASH_LABEL = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
/** Deployment annotations that are the controller's own, never copied onto a ReplicaSet. */
const NOT_COPIED = new Set([REVISION, DESIRED_REPLICAS, MAX_REPLICAS, 'kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision-history']);
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';
/** FNV-1a (32 bit) of the template and collision count, spelled in the alphabet of generated names. */
export function templateHash(template, collisionCount = 0) {
    let h = 0x811c9dc5;
    for (const byte of Buffer.from(canonicalJson(template) + (collisionCount ? String(collisionCount) : ''))) {
        h ^= byte;
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return [...String(h)].map((c) => SAFE[c.charCodeAt(0) % SAFE.length]).join('');
}
function withoutHash(t) {
    const labels = { ...(t?.metadata?.labels ?? {}) };
    delete labels[HASH_LABEL];
    return { ...t, metadata: { ...t?.metadata, labels } };
}
/** The ReplicaSet's template is the Deployment's, apart from the hash label. */
export function sameTemplate(a, b) {
    return canonicalJson(withoutHash(a)) === canonicalJson(withoutHash(b));
}
export function revisionOf(o) {
    const n = Number(o.metadata.annotations?.[REVISION] ?? 0);
    return Number.isFinite(n) ? n : 0;
}
/** Deployment annotations a new ReplicaSet carries (change-cause, for `rollout history`). */
export function copiedAnnotations(d) {
    return Object.fromEntries(Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !NOT_COPIED.has(k)));
}
/** An int-or-percent of total (upstream's GetScaledValueFromIntOrPercent). */
export function scaledIntOrPercent(v, total, roundUp) {
    if (typeof v === 'number')
        return v;
    if (typeof v !== 'string')
        return 0;
    const exact = (parseInt(v, 10) * total) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
/** maxSurge rounds up, maxUnavailable down; both 0 (a small percentage of few replicas) allows 1 unavailable. */
export function surgeAndUnavailable(d) {
    if (d.spec.strategy?.type !== 'RollingUpdate')
        return { maxSurge: 0, maxUnavailable: 0 };
    const replicas = d.spec.replicas ?? 1;
    const ru = d.spec.strategy.rollingUpdate ?? {};
    const maxSurge = scaledIntOrPercent(ru.maxSurge, replicas, true);
    const maxUnavailable = scaledIntOrPercent(ru.maxUnavailable, replicas, false);
    return maxSurge === 0 && maxUnavailable === 0 ? { maxSurge, maxUnavailable: 1 } : { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}
export const specReplicas = (rss) => rss.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
const sum = (rss, f) => rss.reduce((n, rs) => n + (rs.status ? f(rs.status) ?? 0 : 0), 0);
/** Replicas the new ReplicaSet may have now: up to replicas + maxSurge Pods in all. */
export function newReplicaSetReplicas(d, all, newRS) {
    const replicas = d.spec.replicas ?? 1;
    if (d.spec.strategy?.type !== 'RollingUpdate')
        return replicas;
    const current = newRS?.spec.replicas ?? 0;
    const room = replicas + surgeAndUnavailable(d).maxSurge - specReplicas(all);
    if (room <= 0)
        return current;
    return current + Math.min(room, Math.max(0, replicas - current));
}
const iso = (ms) => rfc3339(ms);
/** Sets a condition, keeping its transition time when the status is unchanged. */
export function setCondition(conditions, c, now) {
    const old = conditions.find((x) => x.type === c.type);
    if (old && old.status === c.status && old.reason === c.reason && old.message === c.message)
        return conditions;
    const next = { ...c, lastUpdateTime: iso(now), lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : iso(now) };
    return [...conditions.filter((x) => x.type !== c.type), next];
}
/** The status the ReplicaSets add up to, with the Available condition (Progressing is the caller's). */
export function deploymentStatus(d, all, newRS, now) {
    const replicas = d.spec.replicas ?? 1;
    const available = sum(all, (s) => s.availableReplicas);
    const minAvailable = replicas - surgeAndUnavailable(d).maxUnavailable;
    const conditions = setCondition(d.status?.conditions ?? [], available >= minAvailable
        ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
        : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' }, now);
    const status = {
        ...(d.metadata.generation !== undefined ? { observedGeneration: d.metadata.generation } : {}),
        replicas: sum(all, (s) => s.replicas),
        updatedReplicas: newRS?.status?.replicas ?? 0,
        readyReplicas: sum(all, (s) => s.readyReplicas),
        availableReplicas: available,
        unavailableReplicas: Math.max(0, specReplicas(all) - available),
        conditions,
        ...(d.status?.collisionCount ? { collisionCount: d.status.collisionCount } : {}),
    };
    return status;
}
/** Every replica updated and available, and no old ones left. */
export function isComplete(d, s) {
    const replicas = d.spec.replicas ?? 1;
    return s.updatedReplicas === replicas && s.replicas === replicas && s.availableReplicas === replicas && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}
/** The rollout moved since the last status: more updated, ready or available Pods, or fewer old ones. */
export function madeProgress(old, s) {
    const o = old ?? {};
    const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
    const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
    return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}
//# sourceMappingURL=rollout.js.map
// The kubelet's service-account tokens for projected volumes, as upstream's token manager keeps them:
// one per Pod, audience and lifetime, requested through TokenRequest bound to the Pod, and requested
// again once 80% of its lifetime (at most 24 hours) has passed. A failed renewal keeps the token it
// had while that is still valid, so a short API outage does not empty the file.
const DEFAULT_EXPIRATION_SECONDS = 3600;
const MAX_REFRESH_AFTER_MS = 24 * 3600_000;
/** After a failed renewal, the next try (the held token stays in use meanwhile). */
const RETRY_MS = 10_000;
export class ServiceAccountTokenManager {
    #cluster;
    #now;
    /** Pod uid → (audience/lifetime → token). */
    #byPod = new Map();
    constructor(cluster, now = Date.now) {
        this.#cluster = cluster;
        this.#now = now;
    }
    /** The token a projection of this Pod shows now: the one held while it is fresh, else a new one. */
    async token(pod, source) {
        const uid = pod.metadata.uid ?? '';
        const seconds = source.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
        const key = `${source.audience ?? ''}/${seconds}`;
        const held = this.#byPod.get(uid)?.get(key);
        const now = this.#now();
        if (held && now < held.refreshAtMs)
            return held.token;
        let status;
        try {
            status = await this.#cluster.requestServiceAccountToken(pod.metadata.namespace ?? 'default', pod.spec.serviceAccountName ?? 'default', {
                ...(source.audience ? { audiences: [source.audience] } : {}),
                expirationSeconds: seconds,
                boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: pod.metadata.name ?? '', uid },
            });
        }
        catch (e) {
            if (held && now < held.expiresAtMs) {
                held.refreshAtMs = now + RETRY_MS;
                return held.token;
            }
            throw new Error(`failed to fetch token: ${e.message}`);
        }
        const expiresAtMs = Date.parse(status.expirationTimestamp);
        const lifetime = Number.isFinite(expiresAtMs) ? expiresAtMs - now : seconds * 1000;
        const next = { token: status.token, refreshAtMs: now + Math.min(lifetime * 0.8, MAX_REFRESH_AFTER_MS), expiresAtMs: now + lifetime };
        this.#byPod.set(uid, (this.#byPod.get(uid) ?? new Map()).set(key, next));
        return next.token;
    }
    /** When the first of the Pod's tokens is due for renewal; undefined when it holds none. */
    refreshAt(uid) {
        const held = [...(this.#byPod.get(uid)?.values() ?? [])];
        return held.length ? Math.min(...held.map((h) => h.refreshAtMs)) : undefined;
    }
    /** Whether one of the Pod's tokens is due for renewal now. */
    refreshDue(uid) {
        return (this.refreshAt(uid) ?? Infinity) <= this.#now();
    }
    forget(uid) {
        this.#byPod.delete(uid);
    }
}
//# sourceMappingURL=tokenManager.js.map
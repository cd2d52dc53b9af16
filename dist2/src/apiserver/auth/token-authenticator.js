// Bound service-account tokens: issued for TokenRequest, and turned back into a user for bearer
// authentication and TokenReview. A token is good while its signature, issuer, time window and
// audience hold AND the ServiceAccount (and the Pod or Secret it is bound to) still exists with the
// uid it was issued for: deleting either revokes it. The signature check is cached per token, so a
// request pays a map lookup, a clock read and a look into the API server's watch cache.
import { randomUUID } from 'node:crypto';
const SA_PREFIX = 'system:serviceaccount:';
/** Verified tokens kept; past this the oldest are forgotten (they are verified again if seen). */
const CACHE_SIZE = 10_000;
export class ServiceAccountTokens {
    signer;
    /** The API server's own audiences: a bearer token must be for one of them. */
    apiAudiences;
    #uidOf;
    #now;
    #verified = new Map();
    constructor(signer, uidOf, opts = {}) {
        this.signer = signer;
        this.apiAudiences = opts.audiences ?? [signer.issuer];
        this.#uidOf = uidOf;
        this.#now = opts.now ?? Date.now;
    }
    /** A signed token for the grant, and when it expires. */
    async issue(g) {
        const iat = Math.floor(this.#now() / 1000);
        const exp = iat + g.expirationSeconds;
        const b = g.bound;
        const claims = {
            aud: g.audiences,
            exp,
            iat,
            nbf: iat,
            iss: this.signer.issuer,
            jti: randomUUID(),
            sub: `${SA_PREFIX}${g.namespace}:${g.serviceAccount.name}`,
            'kubernetes.io': {
                namespace: g.namespace,
                ...(b?.nodeName ? { node: { name: b.nodeName, ...(b.nodeUid ? { uid: b.nodeUid } : {}) } } : {}),
                ...(b?.kind === 'Pod' ? { pod: { name: b.name, uid: b.uid } } : {}),
                ...(b?.kind === 'Secret' ? { secret: { name: b.name, uid: b.uid } } : {}),
                serviceaccount: { name: g.serviceAccount.name, uid: g.serviceAccount.uid },
            },
        };
        return { token: await this.signer.sign(claims), expiresAt: new Date(exp * 1000) };
    }
    /** The user a token speaks for, if it is valid now for one of the audiences (default: the API server's). */
    async authenticate(token, audiences = this.apiAudiences) {
        const nowMs = this.#now();
        let v = this.#verified.get(token);
        if (!v) {
            const claims = await this.signer.verify(token, new Date(nowMs));
            v = claims ? (verifiedToken(claims) ?? undefined) : undefined;
            if (!v)
                return null;
            if (this.#verified.size >= CACHE_SIZE)
                this.#verified.delete(this.#verified.keys().next().value);
            this.#verified.set(token, v);
        }
        // verify() judged nbf when the token was first seen; expiry is judged on every use.
        if (v.expiresAtMs <= nowMs) {
            this.#verified.delete(token);
            return null;
        }
        for (const b of v.bindings)
            if (this.#uidOf(b.resource, v.namespace, b.name) !== b.uid)
                return null;
        const matched = audiences.filter((a) => v.audiences.includes(a));
        return matched.length ? { user: v.user, audiences: matched } : null;
    }
}
/** null for claims that are not a well-formed service-account token's. */
function verifiedToken(claims) {
    const k = claims['kubernetes.io'];
    const ns = k?.namespace;
    const sa = k?.serviceaccount;
    if (!ns || !sa?.name || !sa.uid || claims.sub !== `${SA_PREFIX}${ns}:${sa.name}`)
        return null;
    const bindings = [{ resource: 'serviceaccounts', name: sa.name, uid: sa.uid }];
    const extra = {};
    if (claims.jti)
        extra['authentication.kubernetes.io/credential-id'] = [`JTI=${claims.jti}`];
    if (k.node?.name)
        extra['authentication.kubernetes.io/node-name'] = [k.node.name];
    if (k.node?.uid)
        extra['authentication.kubernetes.io/node-uid'] = [k.node.uid];
    if (k.pod) {
        if (!k.pod.name || !k.pod.uid)
            return null;
        bindings.push({ resource: 'pods', name: k.pod.name, uid: k.pod.uid });
        extra['authentication.kubernetes.io/pod-name'] = [k.pod.name];
        extra['authentication.kubernetes.io/pod-uid'] = [k.pod.uid];
    }
    if (k.secret) {
        if (!k.secret.name || !k.secret.uid)
            return null;
        bindings.push({ resource: 'secrets', name: k.secret.name, uid: k.secret.uid });
    }
    return {
        user: { name: claims.sub, uid: sa.uid, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'], extra },
        namespace: ns,
        expiresAtMs: (claims.exp ?? 0) * 1000,
        audiences: typeof claims.aud === 'string' ? [claims.aud] : (claims.aud ?? []),
        bindings,
    };
}
//# sourceMappingURL=token-authenticator.js.map
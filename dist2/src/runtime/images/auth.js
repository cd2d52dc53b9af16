import { readBody, request } from './http.js';
/** Parses `Bearer realm="…",service="…",scope="…"` (one challenge; registries send one). */
export function parseChallenge(header) {
    const m = /^\s*(\S+)\s*(.*)$/.exec(header);
    const params = {};
    for (const p of (m?.[2] ?? '').matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
        params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
    }
    return { scheme: (m?.[1] ?? '').toLowerCase(), params };
}
function basicOf(a) {
    if (!a)
        return undefined;
    if (a.auth)
        return a.auth;
    if (a.username !== undefined && a.password !== undefined)
        return Buffer.from(`${a.username}:${a.password}`).toString('base64');
    return undefined;
}
export class Authorizer {
    #basic;
    #config;
    #authorization;
    /** Credentials passed with the pull win over those in the registry configuration. */
    constructor(config, auth) {
        this.#config = config;
        this.#basic = basicOf(auth) ?? basicOf(config.auth);
        if (auth?.registrytoken)
            this.#authorization = `Bearer ${auth.registrytoken}`;
    }
    headers() {
        return this.#authorization ? { authorization: this.#authorization } : {};
    }
    /** Tries to answer the challenge; false when there is nothing new to offer. */
    async answer(wwwAuthenticate, signal) {
        if (!wwwAuthenticate)
            return false;
        const c = parseChallenge(wwwAuthenticate);
        if (c.scheme === 'basic') {
            if (!this.#basic || this.#authorization === `Basic ${this.#basic}`)
                return false;
            this.#authorization = `Basic ${this.#basic}`;
            return true;
        }
        if (c.scheme !== 'bearer' || !c.params.realm)
            return false;
        const url = new URL(c.params.realm);
        if (c.params.service)
            url.searchParams.set('service', c.params.service);
        if (c.params.scope)
            url.searchParams.set('scope', c.params.scope);
        const res = await request(url.toString(), {
            headers: this.#basic ? { authorization: `Basic ${this.#basic}` } : {},
            tls: this.#config.tls,
            signal,
        });
        const body = await readBody(res);
        if (res.statusCode !== 200)
            throw new Error(`token request to ${url.origin} failed: ${res.statusCode} ${body.toString().slice(0, 200)}`);
        const doc = JSON.parse(body.toString('utf8'));
        const token = doc.token ?? doc.access_token;
        if (!token || this.#authorization === `Bearer ${token}`)
            return false;
        this.#authorization = `Bearer ${token}`;
        return true;
    }
}
//# sourceMappingURL=auth.js.map
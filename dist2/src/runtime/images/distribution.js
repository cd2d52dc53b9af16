import { Authorizer } from './auth.js';
import { digestOf } from './digest.js';
import { ImageError } from './errors.js';
import { readBody, request } from './http.js';
import { INDEX_TYPES, MANIFEST_TYPES } from './media.js';
const ACCEPT = [...MANIFEST_TYPES, ...INDEX_TYPES].join(', ');
export class RegistryClient {
    endpoint;
    #repo;
    #auth;
    #signal;
    constructor(endpoint, repository, opts = {}) {
        this.endpoint = endpoint;
        this.#repo = repository;
        this.#auth = new Authorizer(endpoint.config, opts.auth);
        this.#signal = opts.signal;
    }
    async #get(path, headers = {}) {
        const url = `${this.endpoint.base}/v2/${this.#repo}/${path}`;
        const send = () => request(url, { headers: { ...headers, ...this.#auth.headers() }, tls: this.endpoint.config.tls, signal: this.#signal });
        let res = await send();
        if (res.statusCode === 401 && (await this.#auth.answer(res.headers['www-authenticate'], this.#signal))) {
            res.resume();
            res = await send();
        }
        return res;
    }
    async #fail(res, what) {
        const body = (await readBody(res).catch(() => Buffer.alloc(0))).toString('utf8');
        let detail = body.slice(0, 300);
        try {
            const errs = JSON.parse(body).errors ?? [];
            if (errs.length)
                detail = errs.map((e) => `${e.code}: ${e.message}`).join('; ');
        }
        catch { /* not JSON: keep the text */ }
        const status = res.statusCode ?? 0;
        const why = status === 401 ? 'unauthorized: authentication required' : status === 404 ? 'not found' : `HTTP ${status}`;
        throw new ImageError('ErrImagePull', `failed to fetch ${what} from ${this.endpoint.host}: ${why}${detail ? ` (${detail})` : ''}`);
    }
    /** Fetches a manifest or index; when `reference` is a digest the bytes must match it. */
    async manifest(reference) {
        const res = await this.#get(`manifests/${reference}`, { accept: ACCEPT });
        if (res.statusCode !== 200)
            return this.#fail(res, `manifest ${this.#repo}:${reference}`);
        const bytes = await readBody(res, 4 * 1024 * 1024);
        const digest = digestOf(bytes);
        if (reference.startsWith('sha256:') && digest !== reference) {
            throw new ImageError('ErrImagePull', `manifest digest mismatch: expected ${reference}, got ${digest}`);
        }
        const mediaType = (res.headers['content-type'] ?? '').split(';')[0].trim();
        return { bytes, mediaType, digest };
    }
    /** Opens a blob for streaming; the caller verifies its digest while storing it. */
    async blob(digest) {
        const res = await this.#get(`blobs/${digest}`);
        if (res.statusCode !== 200)
            return this.#fail(res, `blob ${digest}`);
        return res;
    }
}
//# sourceMappingURL=distribution.js.map
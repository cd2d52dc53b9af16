// A typed-enough REST client for the Kubernetes API: one method per verb, a resource descriptor
// instead of per-kind clients, and errors rebuilt from the server's Status into ApiError.
import { ApiError, httpStatusOf } from '../api/errors.js';
import { HttpsTransport } from './https-transport.js';
import { loadKubeconfig } from './kubeconfig.js';
import { resourcePath } from './resources.js';
const patchContentType = {
    merge: 'application/merge-patch+json',
    json: 'application/json-patch+json',
    strategic: 'application/strategic-merge-patch+json',
    apply: 'application/apply-patch+yaml',
};
export class RestClient {
    transport;
    #userAgent;
    constructor(transport, opts = {}) {
        this.transport = transport;
        this.#userAgent = opts.userAgent ?? 'berth';
    }
    /** A client over the same connections that writes under another user agent (another field manager). */
    withUserAgent(userAgent) {
        return new RestClient(this.transport, { userAgent });
    }
    static async fromKubeconfig(path, opts = {}) {
        return new RestClient(new HttpsTransport(await loadKubeconfig(path, opts.context)), opts);
    }
    get(res, namespace, name, opts = {}) {
        return this.#call('GET', resourcePath(res, namespace, name, opts.subresource));
    }
    list(res, namespace, opts = {}) {
        return this.#call('GET', resourcePath(res, namespace) + queryString({ ...opts }));
    }
    /** POST; with `name` + `subresource` it posts to a subresource (e.g. pods/<n>/binding). */
    create(res, namespace, obj, opts = {}) {
        return this.#call('POST', resourcePath(res, namespace, opts.name, opts.subresource) + writeQuery(opts), obj);
    }
    update(res, namespace, obj, opts = {}) {
        const name = obj.metadata.name;
        if (!name)
            throw new ApiError('BadRequest', 'update needs metadata.name');
        return this.#call('PUT', resourcePath(res, namespace, name, opts.subresource) + writeQuery(opts), obj);
    }
    patch(res, namespace, name, type, patch, opts = {}) {
        return this.#call('PATCH', resourcePath(res, namespace, name, opts.subresource) + writeQuery(opts), patch, patchContentType[type]);
    }
    delete(res, namespace, name, opts = {}) {
        const body = { kind: 'DeleteOptions', apiVersion: 'v1', ...opts };
        return this.#call('DELETE', resourcePath(res, namespace, name), body);
    }
    /** DELETE of a whole collection (deletecollection), e.g. everything of a kind in a namespace. */
    deleteCollection(res, namespace, opts = {}) {
        const body = { kind: 'DeleteOptions', apiVersion: 'v1', ...opts };
        return this.#call('DELETE', resourcePath(res, namespace), body);
    }
    /** GET of a path outside the resource URLs: discovery (`/api/v1`, `/apis`). */
    discovery(path) {
        return this.#call('GET', path);
    }
    /**
     * A watch as an async iterable. An ERROR event (e.g. 410 Expired) ends it by throwing the ApiError
     * it carries; a connection that ends cleanly ends the iteration. Abort the signal to stop.
     */
    async *watch(res, namespace, opts, signal) {
        const path = resourcePath(res, namespace) + queryString({ ...opts, watch: true });
        const { status, lines } = await this.transport.stream({ method: 'GET', path, headers: this.#headers(), signal });
        if (status < 200 || status > 299) {
            let body = '';
            for await (const l of lines)
                body += l;
            throw errorFromStatus(status, body);
        }
        for await (const line of lines) {
            const ev = JSON.parse(line);
            if (ev.type === 'ERROR') {
                const st = ev.object;
                throw errorFromStatus(st.code ?? 500, JSON.stringify(st));
            }
            yield ev;
        }
    }
    async #call(method, path, body, contentType = 'application/json') {
        const headers = this.#headers();
        if (body !== undefined)
            headers['content-type'] = contentType;
        const res = await this.transport.request({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        if (res.status < 200 || res.status > 299)
            throw errorFromStatus(res.status, res.body);
        return JSON.parse(res.body);
    }
    #headers() {
        return { 'user-agent': this.#userAgent };
    }
}
function queryString(q) {
    const parts = [];
    for (const [k, v] of Object.entries(q)) {
        if (v === undefined || v === '')
            continue;
        parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
    }
    return parts.length ? `?${parts.join('&')}` : '';
}
function writeQuery(o) {
    return queryString({ fieldManager: o.fieldManager, force: o.force, dryRun: o.dryRun ? 'All' : undefined });
}
const codeOfHttp = new Map(Object.entries(httpStatusOf).filter(([c]) => c !== 'Conflict' && c !== 'Gone').map(([c, s]) => [s, c]));
/** The server's Status body → ApiError; the code comes from `reason`, else from the HTTP status. */
export function errorFromStatus(httpStatus, body) {
    let st = {};
    try {
        st = JSON.parse(body);
    }
    catch {
        // not a Status (a proxy's HTML page, say): keep the text as the message
    }
    const reason = st.reason;
    const code = reason && reason in httpStatusOf ? reason : (codeOfHttp.get(httpStatus) ?? 'InternalError');
    const message = st.message ?? (body.slice(0, 200) || `HTTP ${httpStatus}`);
    return new ApiError(code, message, st.details);
}
//# sourceMappingURL=rest.js.map
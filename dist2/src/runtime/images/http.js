// One HTTP(S) request with the controls a registry client needs: TLS settings per registry,
// redirects (blob storage often redirects) without leaking credentials to another host, abort.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
const MAX_REDIRECTS = 5;
export async function request(url, opts = {}) {
    let current = new URL(url);
    let headers = { ...opts.headers };
    for (let i = 0; i <= MAX_REDIRECTS; i++) {
        const res = await once(current, { ...opts, headers });
        const location = res.headers.location;
        if (!location || ![301, 302, 303, 307, 308].includes(res.statusCode ?? 0))
            return res;
        res.resume();
        const next = new URL(location, current);
        if (next.host !== current.host) {
            const { authorization: _dropped, ...rest } = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
            headers = rest;
        }
        current = next;
    }
    throw new Error(`too many redirects fetching ${url}`);
}
function once(url, opts) {
    return new Promise((resolve, reject) => {
        const common = { method: opts.method ?? 'GET', headers: opts.headers, signal: opts.signal };
        const req = url.protocol === 'https:'
            ? httpsRequest(url, {
                ...common,
                rejectUnauthorized: !opts.tls?.insecure_skip_verify,
                ...(opts.tls?.ca_file ? { ca: readFileSync(opts.tls.ca_file) } : {}),
                ...(opts.tls?.cert_file ? { cert: readFileSync(opts.tls.cert_file) } : {}),
                ...(opts.tls?.key_file ? { key: readFileSync(opts.tls.key_file) } : {}),
            })
            : httpRequest(url, common);
        req.on('response', resolve);
        req.on('error', reject);
        req.end();
    });
}
export async function readBody(res, limit = 16 * 1024 * 1024) {
    const chunks = [];
    let n = 0;
    for await (const c of res) {
        n += c.length;
        if (n > limit) {
            res.destroy();
            throw new Error(`response larger than ${limit} bytes`);
        }
        chunks.push(c);
    }
    return Buffer.concat(chunks);
}
//# sourceMappingURL=http.js.map
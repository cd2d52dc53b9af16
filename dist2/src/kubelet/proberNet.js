// The probes that reach the Pod over the network from the host: an HTTP(S) GET and a TCP connect,
// with the wording of upstream's Go probers (which the Unhealthy events quote).
//
// The GET is written on a bare socket and only its status line is read: a probe's verdict is the
// status code, and node:http's client (agent, parser, request and response streams) cost twice the
// CPU per probe, which hundreds of Pods probed every second add up to. As upstream, no keep-alive:
// every probe opens a fresh connection and says `Connection: close`.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { hostPort, httpGetURL, resolvePort } from './hooks.js';
import { KUBELET_VERSION } from './nodeInfo.js';
export const PROBE_USER_AGENT = `kube-probe/${KUBELET_VERSION.replace(/^v(\d+\.\d+).*$/, '$1')}`;
/** A status line longer than this is no HTTP answer. */
const MAX_STATUS_LINE = 4096;
/** A socket error as Go's dialer words it ("dial tcp 10.88.0.5:80: connect: connection refused"). */
export function dialError(e, address) {
    const words = { ECONNREFUSED: 'connection refused', EHOSTUNREACH: 'no route to host', ENETUNREACH: 'network is unreachable', ECONNRESET: 'connection reset by peer' };
    const word = e.code ? words[e.code] : undefined;
    return word ? `dial tcp ${address}: connect: ${word}` : e.message;
}
/** A deadline timer firing this late means the event loop was held up, not that the Pod was slow. */
const LAG_MS = 100;
/**
 * Calls `onTimeout` once `ms` have passed, unless the kubelet itself was the slow one: a kubelet whose
 * event loop was held up past the deadline (a burst of Pod starts) must not fail a probe whose Pod
 * answered, or would have, in time. So a timer that fires late grants the probe once more the time it
 * lost (at most `ms`), and the verdict waits for the I/O already read (timers run before the poll
 * phase; setImmediate after it).
 */
export function probeDeadline(ms, onTimeout) {
    let due = performance.now() + ms;
    let granted = false;
    let immediate;
    const fire = () => {
        const late = performance.now() - due;
        if (late > LAG_MS && !granted) {
            granted = true;
            due += Math.min(late, ms);
            timer = setTimeout(fire, Math.min(late, ms));
            return;
        }
        immediate = setImmediate(onTimeout);
    };
    let timer = setTimeout(fire, ms);
    return () => {
        clearTimeout(timer);
        if (immediate)
            clearImmediate(immediate);
    };
}
/** The request bytes of an HTTP probe: upstream's default headers, the probe's own headers over them. */
function requestText(g, address, url) {
    const headers = new Map([['host', ['Host', [address]]], ['user-agent', ['User-Agent', [PROBE_USER_AGENT]]], ['accept', ['Accept', ['*/*']]]]);
    const own = new Set();
    for (const h of g.httpHeaders ?? []) {
        const key = h.name.toLowerCase();
        // A header the probe names replaces the default; several of one name are all sent, as Go's Header.Add.
        if (!own.has(key))
            headers.set(key, [h.name, []]);
        own.add(key);
        headers.get(key)[1].push(h.value);
    }
    let text = `GET ${pathOf(url)} HTTP/1.1\r\n`;
    for (const [, [name, values]] of headers) {
        for (const v of values) {
            if (/[\r\n\0]/.test(v))
                throw new Error(`Get "${url}": net/http: invalid header field value for "${name}"`);
            text += `${name}: ${v}\r\n`;
        }
    }
    return `${text}Connection: close\r\n\r\n`;
}
/** The request target of the URL, with what may not travel raw percent-encoded as Go's URL does. */
function pathOf(url) {
    const target = url.slice(url.indexOf('/', url.indexOf('//') + 2));
    return /[^\x21-\x7e]/.test(target) ? target.replace(/[^\x21-\x7e]+/g, (s) => encodeURIComponent(s)) : target;
}
export function httpProbe(g, podIP, c, timeoutMs) {
    const { url, scheme, address } = httpGetURL(g, podIP, c);
    const host = g.host || podIP;
    const port = resolvePort(g.port, c);
    let request;
    try {
        request = requestText(g, address, url);
    }
    catch (e) {
        return Promise.resolve({ result: 'failure', output: e.message });
    }
    return new Promise((resolve) => {
        let settled = false;
        const done = (o) => {
            if (settled)
                return;
            settled = true;
            cancel();
            sock.destroy();
            resolve(o);
        };
        // Certificates are not verified, as upstream's prober does not: the target is the Pod itself.
        const sock = scheme === 'https'
            ? tls.connect({ host, port, rejectUnauthorized: false, ...(net.isIP(host) ? {} : { servername: host }) })
            : net.connect({ host, port });
        const cancel = probeDeadline(timeoutMs, () => done({ result: 'failure', output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` }));
        sock.once(scheme === 'https' ? 'secureConnect' : 'connect', () => sock.write(request));
        let head = '';
        sock.setEncoding('latin1');
        sock.on('data', (chunk) => {
            head += chunk;
            for (;;) {
                const eol = head.indexOf('\n');
                if (eol < 0) {
                    if (head.length > MAX_STATUS_LINE)
                        done(malformed(url, head));
                    return;
                }
                const m = /^HTTP\/\d\.\d (\d{3})/.exec(head);
                if (!m)
                    return done(malformed(url, head.slice(0, eol).trimEnd()));
                const code = Number(m[1]);
                // An interim answer (100 Continue, 103 Early Hints) is skipped for the final one, as Go's client does.
                if (code >= 100 && code < 200 && code !== 101) {
                    const end = head.indexOf('\r\n\r\n');
                    if (end < 0)
                        return;
                    head = head.slice(end + 4);
                    continue;
                }
                // Redirects are not followed: a 3xx answer is a live server, as upstream counts it.
                const ok = code >= 200 && code < 400;
                return done(ok ? { result: 'success', output: '' } : { result: 'failure', output: `HTTP probe failed with statuscode: ${code}` });
            }
        });
        sock.on('end', () => done({ result: 'failure', output: `Get "${url}": EOF` }));
        sock.on('error', (e) => done({ result: 'failure', output: `Get "${url}": ${dialError(e, address)}` }));
    });
}
function malformed(url, line) {
    return { result: 'failure', output: `Get "${url}": net/http: HTTP/1.x transport connection broken: malformed HTTP response ${JSON.stringify(line)}` };
}
export function tcpProbe(host, port, timeoutMs) {
    const address = hostPort(host, port);
    return new Promise((resolve) => {
        const sock = net.connect({ host, port });
        const done = (o) => {
            cancel();
            sock.destroy();
            resolve(o);
        };
        const cancel = probeDeadline(timeoutMs, () => done({ result: 'failure', output: `dial tcp ${address}: i/o timeout` }));
        sock.once('connect', () => done({ result: 'success', output: '' }));
        sock.once('error', (e) => done({ result: 'failure', output: dialError(e, address) }));
    });
}
//# sourceMappingURL=proberNet.js.map
// The dashboard's server: static files built by Vite, and a read-only window on the API through the
// caller's REST client (their kubeconfig, so their rights). A random token, printed with the URL as
// Jupyter does, logs a browser in once; the session lives in an HttpOnly cookie. It listens on
// 127.0.0.1 only, and refuses other Host headers (a web page elsewhere cannot rebind a name to it).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import { ExecChannel, execFrame } from '../client/exec.js';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };
const SECURITY_HEADERS = {
    'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
};
const COOKIE = 'berth-dashboard';
/** Reads whose answers stream (watches, followed logs) are piped line by line as they come. */
const isStream = (q) => ['true', '1'].includes(q.get('watch') ?? '') || q.get('follow') === 'true';
function same(a, b) {
    const [x, y] = [Buffer.from(a), Buffer.from(b)];
    return x.length === y.length && timingSafeEqual(x, y);
}
function cookieOf(req) {
    for (const part of (req.headers.cookie ?? '').split(';')) {
        const [k, v] = part.trim().split('=');
        if (k === COOKIE)
            return v;
    }
    return undefined;
}
function refuse(res, code, message) {
    res.writeHead(code, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    res.end(message + '\n');
}
/**
 * Relays a browser's terminal to an exec session: binary messages (typed keys) go to stdin, text
 * messages `{"cols","rows"}` to the resize channel; stdout comes back as is, and the final Status (or the refusal) as a close reason.
 */
function relayExec(browser, upstream) {
    const pending = [];
    browser.on('message', (data, isBinary) => {
        let msg;
        if (isBinary)
            msg = execFrame(ExecChannel.Stdin, data);
        else {
            const size = (() => {
                try {
                    return JSON.parse(data.toString());
                }
                catch {
                    return {};
                }
            })();
            if (typeof size.cols !== 'number' || typeof size.rows !== 'number')
                return;
            msg = execFrame(ExecChannel.Resize, JSON.stringify({ Width: size.cols, Height: size.rows }));
        }
        if (upstream.readyState === WebSocket.OPEN)
            upstream.send(msg);
        else
            pending.push(msg);
    });
    upstream.on('open', () => pending.splice(0).forEach((m) => upstream.send(m)));
    upstream.on('message', (data) => {
        const ch = data[0];
        if (ch === ExecChannel.Stdout || ch === ExecChannel.Stderr)
            browser.send(data.subarray(1));
        else if (ch === ExecChannel.Status) {
            const st = JSON.parse(data.subarray(1).toString() || '{}');
            browser.close(1000, (st.status === 'Success' ? 'the shell exited' : st.message ?? 'the shell ended').slice(0, 120));
        }
    });
    upstream.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c) => (body += c.toString()));
        res.on('end', () => browser.close(4000 + Math.min(res.statusCode ?? 500, 999) % 1000, (/"message":"([^"]*)"/.exec(body)?.[1] ?? `exec refused (${res.statusCode})`).slice(0, 120)));
    });
    upstream.on('error', (e) => browser.readyState === WebSocket.OPEN && browser.close(1011, e.message.slice(0, 120)));
    upstream.on('close', () => browser.readyState === WebSocket.OPEN && browser.close(1000, 'the shell ended'));
    browser.on('close', () => upstream.terminate());
}
export async function startDashboard(client, opts) {
    const token = randomBytes(24).toString('hex');
    const sessions = new Set();
    const open = new Set();
    async function proxy(req, res, url) {
        const path = url.pathname.slice('/k8s'.length) + url.search;
        // Reads only, and only of the API: the dashboard never writes with the caller's rights.
        if (req.method !== 'GET' || !/^\/(api|apis)(\/|$)/.test(path) || path.includes('..'))
            return refuse(res, 405, 'the dashboard only reads the API');
        const abort = new AbortController();
        open.add(abort);
        req.on('close', () => abort.abort());
        try {
            if (isStream(url.searchParams)) {
                const { status, lines } = await client.transport.stream({ method: 'GET', path, signal: abort.signal, headers: { 'user-agent': 'berth-dashboard' } });
                res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'x-accel-buffering': 'no' });
                res.flushHeaders();
                for await (const line of lines)
                    res.write(line + '\n');
                res.end();
            }
            else {
                const r = await client.transport.request({ method: 'GET', path, signal: abort.signal, headers: { 'user-agent': 'berth-dashboard' } });
                res.writeHead(r.status, { ...SECURITY_HEADERS, 'content-type': r.body.startsWith('{') ? 'application/json' : 'text/plain; charset=utf-8' });
                res.end(r.body);
            }
        }
        catch (e) {
            if (!res.headersSent)
                refuse(res, 502, `cannot reach the API server: ${e.message}`);
            else
                res.end();
        }
        finally {
            open.delete(abort);
        }
    }
    function serveStatic(res, pathname) {
        const rel = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^(\.\.[/\\])+/, '');
        let file = join(opts.staticDir, rel);
        // A client-side route (#-less deep link) gets the app.
        if (!file.startsWith(opts.staticDir) || !existsSync(file) || !statSync(file).isFile())
            file = join(opts.staticDir, 'index.html');
        if (!existsSync(file))
            return refuse(res, 500, 'the dashboard is not built: run npm run build');
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        createReadStream(file).pipe(res);
    }
    let port = 0;
    const server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const host = req.headers.host ?? '';
        if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
            return refuse(res, 421, 'wrong host');
        if (url.pathname === '/login') {
            const given = url.searchParams.get('token') ?? '';
            if (!same(given, token))
                return refuse(res, 403, 'wrong or missing token: open the URL that `berth dashboard` printed');
            const session = randomBytes(24).toString('hex');
            sessions.add(session);
            res.writeHead(303, { ...SECURITY_HEADERS, location: '/', 'set-cookie': `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/` });
            return res.end();
        }
        const session = cookieOf(req);
        if (!session || !sessions.has(session))
            return refuse(res, 401, 'not logged in: open the URL that `berth dashboard` printed');
        if (url.pathname.startsWith('/k8s/'))
            return void proxy(req, res, url);
        serveStatic(res, url.pathname);
    });
    // The terminal: a WebSocket from a logged-in page of this origin only (no other site can open one).
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const session = cookieOf(req);
        const ok = url.pathname === '/exec' && opts.exec && session && sessions.has(session) && req.headers.origin === `http://${req.headers.host}` && req.headers.host === `127.0.0.1:${port}`;
        if (!ok) {
            socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
            return;
        }
        const [ns, pod, container] = ['namespace', 'pod', 'container'].map((k) => url.searchParams.get(k) ?? '');
        wss.handleUpgrade(req, socket, head, (browser) => relayExec(browser, opts.exec(ns, pod, container)));
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port ?? 0, '127.0.0.1', resolve);
    });
    port = server.address().port;
    return {
        server,
        url: `http://127.0.0.1:${port}/login?token=${token}`,
        close: async () => {
            for (const a of open)
                a.abort();
            for (const c of wss.clients)
                c.terminate();
            server.closeAllConnections();
            await new Promise((resolve) => server.close(() => resolve()));
        },
    };
}
//# sourceMappingURL=dashboardServer.js.map
// The kubelet's own HTTPS endpoint, reached only by the API server (client certificate from the
// cluster CA, in system:masters): container logs, exec, attach and port-forward for the Pods on this node.
import { createServer } from 'node:https';
import { STATUS_CODES } from 'node:http';
import { CONTAINER_NAME, POD_NAME, POD_NAMESPACE, POD_UID, RESTART_COUNT } from '../labels.js';
import { serveStreamWebSocket } from './exec.js';
import { serveStreamSpdy } from './exec-spdy.js';
import { serveLogs } from './logs.js';
import { servePortForward } from './portforward.js';
import { serveStats } from './stats.js';
import { flagParam } from '../../api/params.js';
function failure(code, message) {
    return Object.assign(new Error(message), { code });
}
const REASONS = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound' };
/** The Status a failure answers with: its own code, or 500 for anything unexpected. */
function statusOf(e) {
    const code = typeof e.code === 'number' ? e.code : 500;
    const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: e.message, reason: REASONS[code] ?? 'InternalError', code });
    return { code, body };
}
function status(res, e) {
    const { code, body } = statusOf(e);
    res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(body);
}
function allowed(req) {
    const s = req.socket;
    if (!s.authorized)
        return false;
    const o = s.getPeerCertificate()?.subject?.O;
    return (Array.isArray(o) ? o : [o]).includes('system:masters');
}
/** The container's attempts, newest first. */
async function attempts(runtime, ns, pod, container) {
    const list = await runtime.listContainers({ labels: { [POD_NAMESPACE]: ns, [POD_NAME]: pod, [CONTAINER_NAME]: container } });
    return list.sort((a, b) => Number(b.labels[RESTART_COUNT] ?? 0) - Number(a.labels[RESTART_COUNT] ?? 0) || b.createdAt.localeCompare(a.createdAt));
}
/** The Pod's current ready sandbox (by UID when given, else by namespace and name), newest first. */
async function readySandbox(runtime, ns, pod, uid) {
    const all = await runtime.listPodSandboxes();
    return all
        .filter((s) => s.state === 'ready' && (uid ? s.labels[POD_UID] === uid || s.podUid === uid : s.labels[POD_NAMESPACE] === ns && s.labels[POD_NAME] === pod))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}
function parts(url, prefix) {
    if (!url.pathname.startsWith(prefix))
        return null;
    try {
        return url.pathname.slice(prefix.length).split('/').map(decodeURIComponent);
    }
    catch {
        throw failure(400, `invalid URL escape in path "${url.pathname}"`);
    }
}
function parseUrl(req) {
    try {
        return new URL(req.url ?? '/', 'https://kubelet');
    }
    catch {
        throw failure(400, 'malformed request URL');
    }
}
export function createKubeletServer(o) {
    const server = createServer({ ...o.tls, requestCert: true, rejectUnauthorized: false }, (req, res) => {
        void (async () => {
            if (!allowed(req))
                throw failure(401, 'Unauthorized');
            const url = parseUrl(req);
            if (url.pathname === '/healthz') {
                res.writeHead(200).end('ok');
                return;
            }
            if (o.stats && (await serveStats(req, res, url, o.stats)))
                return;
            const p = parts(url, '/containerLogs/');
            if (!p || p.length !== 3)
                throw failure(404, 'not found');
            const [ns, pod, container] = p;
            const all = await attempts(o.runtime, ns, pod, container);
            const previous = flagParam(url.searchParams, 'previous');
            const c = previous ? all[1] : all[0];
            if (!c) {
                throw failure(400, previous
                    ? `previous terminated container "${container}" in pod "${pod}" not found`
                    : `container "${container}" in pod "${pod}" is waiting to start: ContainerCreating`);
            }
            await serveLogs(req, res, c, url.searchParams, () => o.runtime.containerStatus(c.id));
        })().catch((e) => {
            if (!res.headersSent)
                status(res, e);
            else
                res.destroy();
        });
    });
    server.on('upgrade', (req, socket, head) => {
        // Node hands the socket over with no error listener: a reset before or after the protocol takes
        // over must end this connection only.
        socket.on('error', () => socket.destroy());
        void (async () => {
            if (!allowed(req))
                throw failure(401, 'Unauthorized');
            const url = parseUrl(req);
            const pf = parts(url, '/portForward/');
            if (pf) {
                if (pf.length !== 2)
                    throw failure(404, 'not found');
                const [ns, pod] = pf;
                const uid = url.searchParams.get('podUID') ?? '';
                const sandbox = await readySandbox(o.runtime, ns, pod, uid);
                if (!sandbox)
                    throw failure(404, `pod ${ns}/${pod} has no running sandbox on this node`);
                const ports = (url.searchParams.getAll('ports').join(',') || '').split(',').filter(Boolean).map(Number);
                servePortForward(o.runtime, req, socket, head, { sandboxId: sandbox.id, pod: pod, uid: sandbox.labels[POD_UID] ?? uid, ports });
                return;
            }
            const exec = parts(url, '/exec/');
            const p = exec ?? parts(url, '/attach/');
            if (!p || p.length !== 3)
                throw failure(404, 'not found');
            const [ns, pod, container] = p;
            const q = url.searchParams;
            const command = q.getAll('command');
            if (exec && !command.length)
                throw failure(400, 'you must specify at least 1 command');
            const t = { containerId: '', ...(exec ? { command } : {}), stdin: flagParam(q, 'stdin'), stdout: flagParam(q, 'stdout'), stderr: flagParam(q, 'stderr'), tty: flagParam(q, 'tty') };
            if (!t.stdin && !t.stdout && !t.stderr)
                throw failure(400, 'you must specify at least 1 of stdin, stdout, stderr');
            // Any container of the Pod by name: app, init or ephemeral, whatever the runtime labelled it.
            const c = (await attempts(o.runtime, ns, pod, container))[0];
            if (!c || c.state !== 'running')
                throw failure(400, `container ${container} is not running`);
            t.containerId = c.id;
            const upgrade = (req.headers.upgrade ?? '').toLowerCase();
            if (upgrade === 'websocket')
                serveStreamWebSocket(o.runtime, req, socket, head, t);
            else if (upgrade === 'spdy/3.1')
                serveStreamSpdy(o.runtime, req, socket, head, t);
            else
                throw failure(400, `unsupported upgrade "${req.headers.upgrade ?? ''}"`);
        })().catch((e) => {
            const { code, body } = statusOf(e);
            socket.end(`HTTP/1.1 ${code} ${STATUS_CODES[code] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        });
    });
    return server;
}
//# sourceMappingURL=server.js.map
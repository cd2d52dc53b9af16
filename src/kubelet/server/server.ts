// The kubelet's own HTTPS endpoint, reached only by the API server (client certificate from the
// cluster CA, in system:masters): container logs, exec and port-forward for the Pods on this node.

import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import type { ContainerStatus, RuntimeService, SandboxStatus } from '../../runtime/types.js';
import { CONTAINER_NAME, POD_NAME, POD_NAMESPACE, POD_UID, RESTART_COUNT } from '../labels.js';
import { serveExec } from './exec.js';
import { serveLogs } from './logs.js';
import { servePortForward } from './portforward.js';

export interface KubeletServerOptions {
  runtime: RuntimeService;
  tls: { key: string; cert: string; ca: string };
}

function status(res: ServerResponse, code: number, message: string, reason = 'BadRequest'): void {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function allowed(req: IncomingMessage): boolean {
  const s = req.socket as TLSSocket;
  if (!s.authorized) return false;
  const o = s.getPeerCertificate()?.subject?.O;
  return (Array.isArray(o) ? o : [o]).includes('system:masters');
}

/** The container's attempts, newest first. */
async function attempts(runtime: RuntimeService, ns: string, pod: string, container: string): Promise<ContainerStatus[]> {
  const list = await runtime.listContainers({ labels: { [POD_NAMESPACE]: ns, [POD_NAME]: pod, [CONTAINER_NAME]: container } });
  return list.sort((a, b) => Number(b.labels[RESTART_COUNT] ?? 0) - Number(a.labels[RESTART_COUNT] ?? 0) || b.createdAt.localeCompare(a.createdAt));
}

/** The Pod's current ready sandbox (by UID when given, else by namespace and name), newest first. */
async function readySandbox(runtime: RuntimeService, ns: string, pod: string, uid: string): Promise<SandboxStatus | undefined> {
  const all = await runtime.listPodSandboxes();
  return all
    .filter((s) => s.state === 'ready' && (uid ? s.labels[POD_UID] === uid || s.podUid === uid : s.labels[POD_NAMESPACE] === ns && s.labels[POD_NAME] === pod))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

function parts(url: URL, prefix: string): string[] | null {
  if (!url.pathname.startsWith(prefix)) return null;
  return url.pathname.slice(prefix.length).split('/').map(decodeURIComponent);
}

export function createKubeletServer(o: KubeletServerOptions): Server {
  const server = createServer({ ...o.tls, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    void (async () => {
      if (!allowed(req)) return status(res, 401, 'Unauthorized', 'Unauthorized');
      const url = new URL(req.url ?? '/', 'https://kubelet');
      if (url.pathname === '/healthz') {
        res.writeHead(200).end('ok');
        return;
      }
      const p = parts(url, '/containerLogs/');
      if (!p || p.length !== 3) return status(res, 404, 'not found', 'NotFound');
      const [ns, pod, container] = p;
      const all = await attempts(o.runtime, ns, pod, container);
      const previous = url.searchParams.get('previous') === 'true';
      const c = previous ? all[1] : all[0];
      if (!c) {
        return previous
          ? status(res, 400, `previous terminated container "${container}" in pod "${pod}" not found`)
          : status(res, 400, `container "${container}" in pod "${pod}" is waiting to start: ContainerCreating`);
      }
      await serveLogs(req, res, c, url.searchParams, () => o.runtime.containerStatus(c.id));
    })().catch((e: Error) => {
      if (!res.headersSent) status(res, 500, e.message, 'InternalError');
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void (async () => {
      if (!allowed(req)) throw Object.assign(new Error('Unauthorized'), { code: 401 });
      const url = new URL(req.url ?? '/', 'https://kubelet');
      const pf = parts(url, '/portForward/');
      if (pf) {
        if (pf.length !== 2) throw Object.assign(new Error('not found'), { code: 404 });
        const [ns, pod] = pf;
        const uid = url.searchParams.get('podUID') ?? '';
        const sandbox = await readySandbox(o.runtime, ns, pod, uid);
        if (!sandbox) throw Object.assign(new Error(`pod ${ns}/${pod} has no running sandbox on this node`), { code: 404 });
        const ports = (url.searchParams.getAll('ports').join(',') || '').split(',').filter(Boolean).map(Number);
        servePortForward(o.runtime, req, socket, head, { sandboxId: sandbox.id, pod: pod, uid: sandbox.labels[POD_UID] ?? uid, ports });
        return;
      }
      const p = parts(url, '/exec/') ?? parts(url, '/attach/');
      if (!p || p.length !== 3) throw Object.assign(new Error('not found'), { code: 404 });
      const [ns, pod, container] = p;
      const c = (await attempts(o.runtime, ns, pod, container))[0];
      if (!c || c.state !== 'running') throw Object.assign(new Error(`container ${container} is not running`), { code: 400 });
      const q = url.searchParams;
      const command = q.getAll('command');
      if (!command.length) throw Object.assign(new Error('you must specify at least 1 command'), { code: 400 });
      const flag = (n: string): boolean => q.get(n) === 'true' || q.get(n) === '1';
      serveExec(o.runtime, req, socket, head, { containerId: c.id, command, stdin: flag('stdin'), stdout: flag('stdout'), stderr: flag('stderr'), tty: flag('tty') });
    })().catch((e: Error & { code?: number }) => {
      const code = typeof e.code === 'number' ? e.code : 500;
      const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: e.message, code });
      socket.end(`HTTP/1.1 ${code} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  });
  return server;
}

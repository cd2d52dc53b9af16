// pods/log, pods/exec, pods/attach and pods/portforward live on the node: the API server checks who
// asks and which Pod, then relays the request to that node's kubelet over HTTPS, authenticating
// itself with its own client certificate (and the kubelet, with the cluster CA, authenticates back).
import { request as httpsRequest } from 'node:https';
import { ApiError } from '../../api/errors.js';
import { authorize } from '../auth/authorize.js';
import { parseResourcePath } from '../http/route.js';
import { serveLogWebSocket } from './logWebSocket.js';
const NODE_SUBRESOURCES = new Set(['log', 'exec', 'attach', 'portforward']);
/** Where the kubelet of a node listens, from the Node's status. */
function kubeletAddress(node) {
    const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port;
    const addrs = node.status?.addresses ?? [];
    const host = addrs.find((a) => a.type === 'InternalIP')?.address ?? addrs.find((a) => a.type === 'Hostname')?.address;
    if (!port || !host)
        throw new ApiError('ServiceUnavailable', `no kubelet endpoint is known for node "${node.metadata.name}"`);
    return { host, port };
}
/** How the API server reaches a node's kubelet: its address, and TLS both ways with the cluster CA. */
export function kubeletDialOptions(node, client, ca) {
    const { host, port } = kubeletAddress(node);
    return {
        host,
        port,
        key: client.key,
        cert: client.cert,
        ca,
        // The kubelet's serving certificate names the node, not the address we dial.
        servername: node.metadata.name,
        checkServerIdentity: () => undefined,
    };
}
/** The kubelet path for a pod subresource request, keeping the query. */
function kubeletPath(sub, pod, url) {
    const ns = encodeURIComponent(pod.metadata.namespace);
    const name = encodeURIComponent(pod.metadata.name);
    const q = new URLSearchParams(url.searchParams);
    q.set('podUID', pod.metadata.uid);
    if (sub === 'log') {
        const container = q.get('container') ?? defaultContainer(pod);
        q.delete('container');
        return `/containerLogs/${ns}/${name}/${encodeURIComponent(container)}?${q}`;
    }
    if (sub === 'portforward')
        return `/portForward/${ns}/${name}?${q}`;
    const container = q.get('container') ?? defaultContainer(pod);
    q.delete('container');
    return `/${sub}/${ns}/${name}/${encodeURIComponent(container)}?${q}`;
}
function defaultContainer(pod) {
    return pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? pod.spec.containers[0]?.name ?? '';
}
/** A kubelet's non-upgrade answer to an upgrade request, passed on to the client as it is. */
function relayRefusal(kres, socket) {
    const lines = [`HTTP/1.1 ${kres.statusCode} ${kres.statusMessage}`];
    for (let i = 0; i < kres.rawHeaders.length; i += 2)
        if (!/^transfer-encoding$/i.test(kres.rawHeaders[i]))
            lines.push(`${kres.rawHeaders[i]}: ${kres.rawHeaders[i + 1]}`);
    const chunks = [];
    kres.on('error', () => socket.destroy());
    kres.on('data', (c) => chunks.push(c));
    kres.on('end', () => {
        const body = Buffer.concat(chunks);
        socket.end(lines.filter((l) => !/^content-length/i.test(l)).join('\r\n') + `\r\nContent-Length: ${body.length}\r\n\r\n` + body.toString());
    });
}
function refuseDial(e, socket) {
    const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `error dialing kubelet: ${e.message}`, reason: 'ServiceUnavailable', code: 503 });
    socket.end(`HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
export class KubeletProxy {
    #registry;
    #client;
    #ca;
    constructor(registry, client, ca) {
        this.#registry = registry;
        this.#client = client;
        this.#ca = ca;
    }
    /** Resolves a pod subresource URL to the kubelet request, or null when it is not one. */
    #target(url, user, method) {
        // Most requests are not for the node: skip them before parsing the path.
        if (!/\/pods\/[^/]+\/(log|exec|attach|portforward)$/.test(url.pathname))
            return null;
        let route;
        try {
            route = parseResourcePath(url.pathname);
        }
        catch {
            return null;
        }
        if (!route || route.resource.kind !== 'Pod' || !route.subresource || !NODE_SUBRESOURCES.has(route.subresource) || !route.name)
            return null;
        const sub = route.subresource;
        authorize(user, { verb: sub === 'log' ? 'get' : 'create', resource: route.resource, namespace: route.namespace, name: route.name, subresource: sub }, this.#registry);
        const pod = this.#registry.core('pods').get(route.namespace, route.name);
        if (!pod.spec.nodeName)
            throw new ApiError('BadRequest', `pod ${pod.metadata.name} does not have a host assigned`);
        const container = url.searchParams.get('container');
        const names = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])].map((c) => c.name);
        if (container && !names.includes(container)) {
            throw new ApiError('BadRequest', `container ${container} is not valid for pod ${pod.metadata.name}`);
        }
        const node = this.#registry.core('nodes').get(undefined, pod.spec.nodeName);
        return { pod, options: { ...kubeletDialOptions(node, this.#client, this.#ca), method, path: kubeletPath(sub, pod, url) } };
    }
    /** Plain requests (logs). Returns false when the URL is not a kubelet subresource. */
    async handle(req, res, url, user) {
        const t = this.#target(url, user, req.method ?? 'GET');
        if (!t)
            return false;
        await new Promise((resolve, reject) => {
            // The client leaving (Ctrl-C on `kubectl logs -f`) aborts the kubelet request: an end, not an error.
            const failed = (e) => (res.destroyed ? resolve() : reject(e));
            const up = httpsRequest({ ...t.options, headers: { accept: req.headers.accept ?? '*/*' } }, (kres) => {
                res.writeHead(kres.statusCode ?? 502, kres.headers);
                kres.pipe(res);
                kres.on('end', resolve);
                kres.on('error', failed);
            });
            up.on('error', (e) => failed(new ApiError('ServiceUnavailable', `error dialing kubelet: ${e.message}`)));
            req.on('close', () => up.destroy());
            up.end();
        });
        return true;
    }
    /**
     * Upgrade requests (exec, attach, port-forward over WebSocket or SPDY): relay the raw streams; a log
     * over a WebSocket is framed here from the kubelet's plain stream (logWebSocket.ts). The
     * two sockets live and die together: an error or close on either side ends both, and nothing else
     * (the caller has put an error listener on the client's socket).
     */
    handleUpgrade(req, socket, head, url, user) {
        const t = this.#target(url, user, req.method ?? 'GET');
        if (!t)
            return false;
        if (url.pathname.endsWith('/log')) {
            serveLogWebSocket(req, socket, head, t.options, { response: (kres) => relayRefusal(kres, socket), dialError: (e) => refuseDial(e, socket) });
            return true;
        }
        const headers = { ...req.headers };
        delete headers.host;
        const up = httpsRequest({ ...t.options, headers });
        // The client may leave while we dial: stop dialling.
        const abandon = () => void up.destroy();
        socket.once('close', abandon);
        up.on('upgrade', (kres, ksocket, khead) => {
            socket.off('close', abandon);
            // An error destroys its own side. The kubelet's side closing ends the client's gracefully, so
            // that what was relayed last (a WebSocket close frame with its code, a GOAWAY) still arrives;
            // the client gone, nobody needs the kubelet's side.
            // Keystrokes are tiny writes: Nagle's algorithm would hold each behind the last one's delayed
            // ACK (40 ms a keystroke over SPDY). Not for port-forward: with it, kubectl 1.27's first
            // forwarded connection stalled in one run of hostile-streams in three.
            if (!url.pathname.endsWith('/portforward'))
                for (const s of [ksocket, socket])
                    s.setNoDelay?.(true);
            ksocket.on('error', () => ksocket.destroy());
            ksocket.on('close', () => socket.end());
            socket.on('close', () => ksocket.destroy());
            if (socket.destroyed) {
                ksocket.destroy();
                return;
            }
            const lines = [`HTTP/1.1 ${kres.statusCode} ${kres.statusMessage}`];
            for (let i = 0; i < kres.rawHeaders.length; i += 2)
                lines.push(`${kres.rawHeaders[i]}: ${kres.rawHeaders[i + 1]}`);
            socket.write(lines.join('\r\n') + '\r\n\r\n');
            if (khead.length)
                socket.write(khead);
            if (head.length)
                ksocket.write(head);
            ksocket.pipe(socket);
            socket.pipe(ksocket);
        });
        // The kubelet refused the upgrade: pass its answer on as it is.
        up.on('response', (kres) => relayRefusal(kres, socket));
        up.on('error', (e) => refuseDial(e, socket));
        up.end();
        return true;
    }
}
//# sourceMappingURL=kubelet.js.map
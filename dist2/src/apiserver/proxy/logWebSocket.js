// pods/log over a WebSocket, as kube-apiserver serves it: the log the kubelet streams, each piece a
// message; raw binary for the "binary.k8s.io" subprotocol (or none), base64 text for
// "base64.binary.k8s.io". Messages from the client are ignored; the log's end closes the socket.
import { request as httpsRequest } from 'node:https';
import { webSocketEndpoint } from '../../kubelet/server/channels.js';
const BINARY = 'binary.k8s.io';
const BASE64 = 'base64.binary.k8s.io';
const accept = webSocketEndpoint((offered) => [...offered].find((p) => p === BINARY || p === BASE64) ?? false);
/**
 * Dials the kubelet's plain log endpoint first, so that a refusal (container not found, not started)
 * reaches the client as the kubelet's HTTP answer (refuse) rather than as an empty WebSocket.
 */
export function serveLogWebSocket(req, socket, head, options, refuse) {
    const up = httpsRequest({ ...options, method: 'GET', headers: { accept: '*/*' } }, (kres) => {
        if (kres.statusCode !== 200)
            return refuse.response(kres);
        accept(req, socket, head, (ws) => {
            const base64 = ws.protocol === BASE64;
            kres.on('data', (chunk) => ws.send(base64 ? chunk.toString('base64') : chunk, { binary: !base64 }));
            kres.on('end', () => ws.close(1000));
            kres.on('error', () => ws.terminate());
            ws.on('close', () => up.destroy());
        });
    });
    up.on('error', (e) => refuse.dialError(e));
    socket.once('close', () => up.destroy());
    up.end();
}
//# sourceMappingURL=logWebSocket.js.map
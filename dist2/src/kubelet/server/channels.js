// The channel.k8s.io WebSocket protocol kubectl exec speaks: each binary message starts with a
// channel byte (0 stdin, 1 stdout, 2 stderr, 3 error/status, 4 resize, 255 close in v5).
import { WebSocketServer } from 'ws';
export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
export const CLOSE = 255;
/** Subprotocols in order of preference; v4 and v5 carry a Status object on the error channel. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];
/**
 * Largest WebSocket message a kubelet stream accepts; a bigger one closes that connection with 1009.
 * kubectl sends stdin and port-forward data in pieces of its 32 KiB copy buffer, and a tunnelled SPDY
 * frame is at most MAX_DATA_FRAME (spdy.ts) plus its header, so this leaves ample room.
 */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
/**
 * A WebSocket endpoint whose connections survive their own protocol errors: ws answers a bad frame
 * with the close code (1002 protocol error, 1009 message too big) and hangs up, then emits 'error',
 * which without a listener would be thrown from the socket's data handler and end the process.
 */
export function webSocketEndpoint(handleProtocols) {
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, handleProtocols });
    return (req, socket, head, cb) => wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', () => { }); // already closed with its code, see above
        cb(ws);
    });
}
export function pickProtocol(offered) {
    return EXEC_PROTOCOLS.find((p) => offered.has(p)) ?? false;
}
export function frame(channel, data) {
    const body = typeof data === 'string' ? Buffer.from(data) : data;
    return Buffer.concat([Buffer.from([channel]), body]);
}
/** The final message on the error channel: Success, or Failure with the exit code as kubectl reads it. */
export function exitStatus(code) {
    if (code === 0)
        return JSON.stringify({ metadata: {}, status: 'Success' });
    return JSON.stringify({
        metadata: {},
        status: 'Failure',
        message: `command terminated with non-zero exit code: exit status ${code}`,
        reason: 'NonZeroExitCode',
        details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
    });
}
//# sourceMappingURL=channels.js.map
// The gRPC probe: one unary call of the standard grpc.health.v1.Health/Check over cleartext HTTP/2.
// The two messages are a single field each (request: string service = 1; response: enum status = 1),
// framed as gRPC does (1 byte compressed flag, 4 bytes big-endian length, the protobuf bytes).
import http2 from 'node:http2';
import protobuf from 'protobufjs';
import { hostPort } from './hooks.js';
import { dialError, PROBE_USER_AGENT, probeDeadline } from './proberNet.js';
const SERVING_STATUS = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];
const GRPC_CODES = ['OK', 'Canceled', 'Unknown', 'InvalidArgument', 'DeadlineExceeded', 'NotFound', 'AlreadyExists', 'PermissionDenied',
    'ResourceExhausted', 'FailedPrecondition', 'Aborted', 'OutOfRange', 'Unimplemented', 'Internal', 'Unavailable', 'DataLoss', 'Unauthenticated'];
const UNIMPLEMENTED = 12;
export function encodeHealthCheckRequest(service) {
    const body = service ? protobuf.Writer.create().uint32((1 << 3) | 2).string(service).finish() : new Uint8Array(0);
    const frame = Buffer.alloc(5 + body.length);
    frame.writeUInt32BE(body.length, 1);
    frame.set(body, 5);
    return frame;
}
/** The status of the first framed HealthCheckResponse (UNKNOWN when the field is absent, as proto3 reads it). */
export function decodeHealthCheckResponse(data) {
    if (data.length < 5)
        throw new Error('truncated gRPC message');
    const len = data.readUInt32BE(1);
    if (data[0] !== 0)
        throw new Error('compressed gRPC message');
    if (data.length < 5 + len)
        throw new Error('truncated gRPC message');
    const r = protobuf.Reader.create(data.subarray(5, 5 + len));
    let status = 0;
    while (r.pos < r.len) {
        const tag = r.uint32();
        if (tag === (1 << 3))
            status = r.int32();
        else
            r.skipType(tag & 7);
    }
    return SERVING_STATUS[status] ?? String(status);
}
export function grpcProbe(host, port, service, timeoutMs) {
    const address = hostPort(host, port);
    return new Promise((resolve) => {
        const session = http2.connect(`http://${address}`);
        const done = (o) => {
            cancel();
            session.destroy();
            resolve(o);
        };
        const cancel = probeDeadline(timeoutMs, () => done({ result: 'failure', output: `timeout: health rpc did not complete within ${timeoutMs / 1000}s` }));
        let connected = false;
        session.once('connect', () => (connected = true));
        const unreachable = (e) => done({ result: 'failure', output: `timeout: failed to connect service "${address}" within ${timeoutMs / 1000}s: ${dialError(e, address)}` });
        session.on('error', unreachable);
        const req = session.request({
            ':method': 'POST', ':path': '/grpc.health.v1.Health/Check', 'content-type': 'application/grpc', te: 'trailers', 'user-agent': PROBE_USER_AGENT,
        });
        const chunks = [];
        let grpcStatus;
        let grpcMessage = '';
        const noteStatus = (h) => {
            if (h['grpc-status'] !== undefined) {
                grpcStatus = String(h['grpc-status']);
                grpcMessage = decodeURIComponent(String(h['grpc-message'] ?? ''));
            }
        };
        req.on('response', noteStatus);
        req.on('trailers', noteStatus);
        req.on('data', (b) => chunks.push(b));
        // A refused connection surfaces first on the pending call, its cause being the socket's error.
        req.on('error', (e) => (connected ? done({ result: 'failure', output: `error: health rpc probe failed: ${e.message}` }) : unreachable(e.cause ?? e)));
        req.on('end', () => {
            const code = Number(grpcStatus ?? 2);
            if (code === UNIMPLEMENTED) {
                return done({ result: 'failure', output: `server does not implement the grpc health protocol (grpc.health.v1.Health): ${grpcMessage}` });
            }
            if (code !== 0)
                return done({ result: 'failure', output: `error: health rpc probe failed: rpc error: code = ${GRPC_CODES[code] ?? code} desc = ${grpcMessage}` });
            try {
                const status = decodeHealthCheckResponse(Buffer.concat(chunks));
                done(status === 'SERVING'
                    ? { result: 'success', output: 'service is healthy' }
                    : { result: 'failure', output: `service unhealthy (responded with ${JSON.stringify(status)})` });
            }
            catch (e) {
                done({ result: 'failure', output: `error: health rpc probe failed: ${e.message}` });
            }
        });
        req.end(encodeHealthCheckRequest(service));
    });
}
//# sourceMappingURL=proberGrpc.js.map
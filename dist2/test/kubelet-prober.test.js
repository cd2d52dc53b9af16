// Each probe handler against real local servers: HTTP and HTTPS (an unverifiable certificate is
// fine, as upstream), TCP, the gRPC health protocol over HTTP/2, and exec through execSync; outcomes
// carry upstream's wording, which the Unhealthy events quote.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ensurePki } from '../src/apiserver/auth/certs.js';
import { runProbe } from '../src/kubelet/prober.js';
import { decodeHealthCheckResponse, encodeHealthCheckRequest } from '../src/kubelet/proberGrpc.js';
const pod = { metadata: { name: 'p', namespace: 'default', uid: 'u' }, spec: { containers: [] } };
const closers = [];
let httpPort = 0;
let httpsPort = 0;
let grpcPort = 0;
let seen = {};
let dir;
function handler(req, res) {
    seen = req.headers;
    if (req.url === '/slow')
        return void setTimeout(() => res.end('late'), 3_000).unref();
    if (req.url === '/moved')
        return void res.writeHead(302, { location: 'http://elsewhere.invalid/' }).end();
    res.writeHead(req.url === '/healthz' ? 200 : 404).end(req.url === '/healthz' ? 'ok' : 'nope');
}
async function listen(server) {
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => server.close());
    return server.address().port;
}
before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-prober-'));
    const pki = await ensurePki(dir, [], []);
    httpPort = await listen(http.createServer(handler));
    httpsPort = await listen(https.createServer({ cert: pki.serving.cert, key: pki.serving.key }, handler));
    const grpc = http2.createServer();
    grpc.on('stream', (stream, headers) => {
        const chunks = [];
        stream.on('data', (b) => chunks.push(b));
        stream.on('end', () => {
            const body = Buffer.concat(chunks);
            const service = body.length > 5 ? body.subarray(7).toString() : '';
            // A server without the health service answers every call Unimplemented.
            if (headers[':path'] !== '/grpc.health.v1.Health/Check' || service === 'absent') {
                stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12', 'grpc-message': 'unknown service' }, { endStream: true });
                return;
            }
            const status = service === '' ? 1 : service === 'down' ? 2 : 3;
            stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
            stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
            stream.end(Buffer.from([0, 0, 0, 0, 2, 0x08, status]));
        });
    });
    grpcPort = await listen(grpc);
});
after(async () => {
    for (const close of closers)
        close();
    await rm(dir, { recursive: true, force: true });
});
const container = { name: 'app', image: 'busybox', ports: [{ name: 'web', containerPort: 0 }] };
const probeOf = (p) => ({ timeoutSeconds: 1, ...p });
const run = (p, exec) => runProbe(probeOf(p), { pod, container: { ...container, ports: [{ name: 'web', containerPort: httpPort }] }, containerId: 'c1', podIP: '127.0.0.1', runtime: { execSync: async (_id, cmd) => exec(cmd) } });
test('httpGet: 2xx and 3xx pass (redirects not followed), 4xx fails with the status code, headers and a named port are honoured', async () => {
    assert.deepEqual(await run({ httpGet: { path: '/healthz', port: 'web', httpHeaders: [{ name: 'X-Probe', value: 'yes' }] } }), { result: 'success', output: '' });
    assert.equal(seen['x-probe'], 'yes');
    assert.equal(seen['user-agent'], 'kube-probe/1.32');
    assert.equal((await run({ httpGet: { path: '/moved', port: httpPort } })).result, 'success');
    assert.deepEqual(await run({ httpGet: { path: '/does-not-exist', port: httpPort } }), { result: 'failure', output: 'HTTP probe failed with statuscode: 404' });
    assert.deepEqual(await run({ httpGet: { path: '/', port: 'nope' } }), { result: 'error', output: "couldn't find port: nope in app" });
});
test('httpGet over HTTPS does not verify the certificate; a timeout and a refused connection fail', async () => {
    assert.deepEqual(await run({ httpGet: { path: '/healthz', port: httpsPort, scheme: 'HTTPS' } }), { result: 'success', output: '' });
    const slow = await run({ httpGet: { path: '/slow', port: httpPort } });
    assert.deepEqual(slow, { result: 'failure', output: `Get "http://127.0.0.1:${httpPort}/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` });
    const closed = await listen(net.createServer());
    closers.pop()();
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(await run({ httpGet: { path: '/', port: closed } }), { result: 'failure', output: `Get "http://127.0.0.1:${closed}/": dial tcp 127.0.0.1:${closed}: connect: connection refused` });
    assert.deepEqual(await run({ tcpSocket: { port: closed } }), { result: 'failure', output: `dial tcp 127.0.0.1:${closed}: connect: connection refused` });
    assert.deepEqual(await run({ grpc: { port: closed } }), { result: 'failure', output: `timeout: failed to connect service "127.0.0.1:${closed}" within 1s: dial tcp 127.0.0.1:${closed}: connect: connection refused` });
});
test('httpGet: a probe header replaces the default of its name (Host, User-Agent); one with a line break fails; a non-HTTP answer fails', async () => {
    const headers = [{ name: 'Host', value: 'example.test' }, { name: 'User-Agent', value: 'mine' }, { name: 'X-Two', value: 'a' }, { name: 'X-Two', value: 'b' }];
    assert.deepEqual(await run({ httpGet: { path: '/healthz', port: httpPort, httpHeaders: headers } }), { result: 'success', output: '' });
    assert.equal(seen.host, 'example.test');
    assert.equal(seen['user-agent'], 'mine');
    assert.equal(seen['x-two'], 'a, b');
    const bad = await run({ httpGet: { path: '/healthz', port: httpPort, httpHeaders: [{ name: 'X-Bad', value: 'a\r\nX-Injected: 1' }] } });
    assert.deepEqual(bad, { result: 'failure', output: `Get "http://127.0.0.1:${httpPort}/healthz": net/http: invalid header field value for "X-Bad"` });
    const garbage = await listen(net.createServer((s) => s.end('SSH-2.0-OpenSSH\r\n')));
    assert.deepEqual(await run({ httpGet: { path: '/', port: garbage } }), { result: 'failure', output: `Get "http://127.0.0.1:${garbage}/": net/http: HTTP/1.x transport connection broken: malformed HTTP response "SSH-2.0-OpenSSH"` });
});
test('an answer that came in time passes though the kubelet\'s event loop was held up past the deadline', async () => {
    // The server runs in another process, so it answers while this one is blocked.
    const child = spawn(process.execPath, ['-e', "require('http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log(this.address().port) })"], { stdio: ['ignore', 'pipe', 'inherit'] });
    closers.push(() => child.kill());
    const port = Number(await new Promise((r) => child.stdout.once('data', (d) => r(d.toString()))));
    const block = () => {
        const until = Date.now() + 1_500;
        while (Date.now() < until)
            ;
    };
    for (const probe of [{ httpGet: { path: '/', port } }, { tcpSocket: { port } }]) {
        const outcome = run(probe);
        block();
        assert.equal((await outcome).result, 'success', JSON.stringify(probe));
    }
});
test('tcpSocket passes when the port accepts a connection', async () => {
    assert.deepEqual(await run({ tcpSocket: { port: 'web' } }), { result: 'success', output: '' });
});
test('grpc: SERVING passes, other statuses and a server without the health service fail', async () => {
    assert.deepEqual(await run({ grpc: { port: grpcPort } }), { result: 'success', output: 'service is healthy' });
    assert.deepEqual(await run({ grpc: { port: grpcPort, service: 'down' } }), { result: 'failure', output: 'service unhealthy (responded with "NOT_SERVING")' });
    assert.deepEqual(await run({ grpc: { port: grpcPort, service: 'other' } }), { result: 'failure', output: 'service unhealthy (responded with "SERVICE_UNKNOWN")' });
    assert.deepEqual(await run({ grpc: { port: grpcPort, service: 'absent' } }), { result: 'failure', output: 'server does not implement the grpc health protocol (grpc.health.v1.Health): unknown service' });
    const http1 = await run({ grpc: { port: httpPort } });
    assert.equal(http1.result, 'failure', 'an HTTP/1 server is no gRPC server');
    assert.match(http1.output, /^(error: health rpc probe failed|timeout: failed to connect service)/);
});
test('the health messages are framed protobuf: the service as field 1, the status as field 1', () => {
    assert.deepEqual([...encodeHealthCheckRequest('')], [0, 0, 0, 0, 0]);
    assert.deepEqual([...encodeHealthCheckRequest('api')], [0, 0, 0, 0, 5, 0x0a, 3, 0x61, 0x70, 0x69]);
    assert.equal(decodeHealthCheckResponse(Buffer.from([0, 0, 0, 0, 2, 0x08, 1])), 'SERVING');
    assert.equal(decodeHealthCheckResponse(Buffer.from([0, 0, 0, 0, 0])), 'UNKNOWN');
    assert.throws(() => decodeHealthCheckResponse(Buffer.from([0, 0, 0, 0, 9, 0x08])), /truncated/);
});
test('exec: exit 0 passes, another exit fails with the output, a timeout fails', async () => {
    const exec = (code, timedOut = false) => () => ({ exitCode: code, stdout: Buffer.from(code ? 'bad\n' : ''), stderr: Buffer.alloc(0), timedOut });
    assert.deepEqual(await run({ exec: { command: ['check'] } }, exec(0)), { result: 'success', output: '' });
    assert.deepEqual(await run({ exec: { command: ['check'] } }, exec(1)), { result: 'failure', output: 'bad\n' });
    assert.deepEqual(await run({ exec: { command: ['sleep', '9'] } }, exec(-1, true)), { result: 'failure', output: 'command "sleep 9" timed out' });
});
//# sourceMappingURL=kubelet-prober.test.js.map
// The seed's Pod patterns and life cycle, as a user sees them through the real kubectl against
// `berth server` with its kubelet (real runc, conmon, CNI, the offline busybox and nginx images):
// hostAliases, ambassador (beside the app, and as a native sidecar relaying to a Service), sidecar and
// adapter containers, postStart/preStop hooks, each restartPolicy's phase, and the errors a user
// meets (missing image, missing command, dangling volumeMount, kill -9, hostPath of the wrong type).
// One server for the whole file; the tests run concurrently.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildImage } from '../src/runtime/images/build/index.js';
import { ImageStore } from '../src/runtime/images/store.js';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import { KUBECTL, kubectl } from './support/kubectl.js';
import { until } from './support/wait.js';
let server;
let hostDir;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
function sh(cmd, args) {
    return new Promise((resolve) => {
        execFile(cmd, args, (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
    });
}
async function jsonpath(obj, path) {
    return (await k(['get', obj, '-o', `jsonpath=${path}`])).stdout;
}
/** Applies a Pod manifest (JSON is YAML) and asserts kubectl accepted it. */
async function apply(pod) {
    const r = await k(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Pod', ...pod }));
    assert.equal(r.code, 0, r.stderr);
}
const pod = (name, spec) => ({ metadata: { name }, spec: { terminationGracePeriodSeconds: 2, ...spec } });
const bb = (name, script, extra = {}) => ({ name, image: 'busybox', imagePullPolicy: 'Never', command: ['sh', '-c', script], ...extra });
const forever = 'trap "exit 0" TERM; sleep 3600 & wait';
/** The STATUS column of `kubectl get pod NAME` (what the user reads). */
async function statusColumn(name) {
    const r = await k(['get', 'pod', name, '--no-headers']);
    return r.stdout.trim().split(/\s+/)[2] ?? '';
}
async function running(name) {
    await until(`${name} Running`, async () => (await jsonpath(`pod/${name}`, '{.status.phase}')) === 'Running');
}
/** The STATUS column through `kubectl get pod NAME -w`, until `done` holds for the statuses seen so far. */
function watchStatuses(name, done, timeoutMs = 40_000) {
    const home = mkdtempSync(join(tmpdir(), 'berth-patterns-watch-'));
    const child = spawn(KUBECTL, ['--kubeconfig', server.kubeconfig, 'get', 'pods', '--field-selector', `metadata.name=${name}`, '-w', '--no-headers'], { env: { ...process.env, HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    const seen = [];
    let buf = '';
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { child.kill(); reject(new Error(`timed out watching ${name}: saw ${seen.join(' → ')}`)); }, timeoutMs);
        child.stdout.on('data', (c) => {
            buf += c.toString();
            let nl;
            while ((nl = buf.indexOf('\n')) >= 0) {
                const status = buf.slice(0, nl).trim().split(/\s+/)[2];
                buf = buf.slice(nl + 1);
                if (status && seen[seen.length - 1] !== status)
                    seen.push(status);
                if (done(seen)) {
                    clearTimeout(timer);
                    child.kill();
                    resolve(seen);
                }
            }
        });
    }).finally(() => rm(home, { recursive: true, force: true }));
}
function httpGet(host, port) {
    return new Promise((resolve, reject) => {
        request({ host, port, path: '/', timeout: 3000 }, (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve(body));
        })
            .on('error', reject)
            .on('timeout', function () { this.destroy(new Error('timeout')); })
            .end();
    });
}
before(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-patterns-'));
    hostDir = await mkdtemp(join(tmpdir(), 'berth-patterns-host-'));
    // nginx, the remote side of the ambassador, comes from the build cache.
    await buildImage('nginx', { store: new ImageStore({ root: join(dataDir, 'images') }) });
    server = await startNodeServer(dataDir);
    await untilNodeReady(server);
});
after(async () => {
    // Graceful, and waited for: the kubelet tears each Pod down before the server stops (killall is the backstop).
    await disposeNodeServer(server);
    await rm(hostDir, { recursive: true, force: true });
});
describe('multi-container patterns', { concurrency: true }, () => {
    it('hostAliases are in every container\'s /etc/hosts, init containers included', async () => {
        const aliases = [{ ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] }];
        await apply(pod('aliases', {
            hostAliases: aliases,
            initContainers: [bb('init', 'cp /etc/hosts /shared/init-hosts', { volumeMounts: [{ name: 's', mountPath: '/shared' }] })],
            containers: [bb('one', forever, { volumeMounts: [{ name: 's', mountPath: '/shared' }] }), bb('two', forever)],
            volumes: [{ name: 's', emptyDir: {} }],
        }));
        await running('aliases');
        const entry = '# Entries added by HostAliases.\n10.1.2.3\tfoo.remote\tbar.remote\n';
        const ip = await jsonpath('pod/aliases', '{.status.podIP}');
        for (const c of ['one', 'two']) {
            const r = await k(['exec', 'aliases', '-c', c, '--', 'cat', '/etc/hosts']);
            assert.equal(r.code, 0, r.stderr);
            assert.ok(r.stdout.includes(entry), `container ${c}:\n${r.stdout}`);
            assert.match(r.stdout, new RegExp(`^${ip.replace(/\./g, '\\.')}\taliases$`, 'm'));
        }
        const init = await k(['exec', 'aliases', '-c', 'one', '--', 'cat', '/shared/init-hosts']);
        assert.ok(init.stdout.includes(entry), `init container:\n${init.stdout}`);
        const ping = await k(['exec', 'aliases', '-c', 'two', '--', 'ping', '-c', '1', '-W', '1', 'bar.remote']);
        assert.match(ping.stdout + ping.stderr, /PING bar\.remote \(10\.1\.2\.3\)/);
    });
    it('ambassador: a proxy on localhost inside the Pod, reached by the main container at 127.0.0.1', async () => {
        await apply(pod('ambassador', {
            containers: [
                // (Debian's static busybox wget crashes with -T, so no timeout flag.)
                bb('main', 'while true; do wget -q -O - http://127.0.0.1:6380/; sleep 0.5; done'),
                // The ambassador: answers on 127.0.0.1:6380 only, standing in for a remote service.
                bb('ambassador', 'mkdir -p /www && echo "PONG via ambassador for $(hostname)" > /www/index.html && exec httpd -f -p 127.0.0.1:6380 -h /www'),
            ],
        }));
        await running('ambassador');
        const logs = await until('main reached the ambassador', async () => {
            const r = await k(['logs', 'ambassador', '-c', 'main']);
            return r.stdout.includes('PONG') && r.stdout;
        });
        assert.match(logs, /^PONG via ambassador for ambassador$/m);
        // Bound to localhost: from outside the Pod, its IP does not answer on that port.
        const ip = await jsonpath('pod/ambassador', '{.status.podIP}');
        await assert.rejects(httpGet(ip, 6380));
    });
    it('ambassador to a Service: a native sidecar relays the app\'s localhost:8080 to web:80, and the app gets nginx\'s page', async () => {
        for (const args of [['create', 'deployment', 'web', '--image=nginx'], ['expose', 'deployment', 'web', '--port', '80']]) {
            const r = await k(args);
            assert.equal(r.code, 0, r.stderr);
        }
        await apply(pod('ambassador-svc', {
            // The ambassador: busybox nc serving every connection (-ll) with a fresh `nc web 80`, found through
            // the cluster DNS; its startup probe holds the app back until the relay listens.
            initContainers: [bb('ambassador', 'exec nc -ll -p 8080 -e nc web 80', { restartPolicy: 'Always', startupProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 } })],
            // Until nginx is Ready the Service has no endpoint and the relay's connection fails: the app retries.
            containers: [bb('app', `until wget -qO /tmp/page http://localhost:8080/; do sleep 1; done; grep -o '<title>.*</title>' /tmp/page; ${forever}`)],
        }));
        const logs = await until('the app got the page through the ambassador', async () => {
            const r = await k(['logs', 'ambassador-svc', '-c', 'app']);
            return r.stdout.includes('</title>') && r.stdout;
        }, 120_000);
        assert.equal(logs, '<title>Welcome to nginx!</title>\n');
        const p = JSON.parse((await k(['get', 'pod', 'ambassador-svc', '-o', 'json'])).stdout);
        const ambassador = p.status.initContainerStatuses[0];
        assert.equal(ambassador.started, true);
        assert.ok(ambassador.state.running, 'the ambassador keeps running beside the app');
        assert.ok(p.status.containerStatuses[0].state.running.startedAt >= ambassador.state.running.startedAt, 'the app started after its ambassador');
    });
    it('sidecar: main writes a log file into a shared emptyDir, the sidecar ships it to its stdout', async () => {
        await apply(pod('sidecar', {
            containers: [
                bb('main', 'i=0; while true; do echo "app line $i" >> /var/log/app/app.log; i=$((i+1)); sleep 0.2; done', { volumeMounts: [{ name: 'logs', mountPath: '/var/log/app' }] }),
                bb('sidecar', 'while [ ! -f /logs/app.log ]; do sleep 0.1; done; exec tail -n +1 -f /logs/app.log', { volumeMounts: [{ name: 'logs', mountPath: '/logs', readOnly: true }] }),
            ],
            volumes: [{ name: 'logs', emptyDir: {} }],
        }));
        await running('sidecar');
        const out = await until('shipped lines', async () => {
            const r = await k(['logs', 'sidecar', '-c', 'sidecar']);
            return r.stdout.includes('app line 5') && r.stdout;
        });
        assert.deepEqual(out.split('\n').slice(0, 6), ['app line 0', 'app line 1', 'app line 2', 'app line 3', 'app line 4', 'app line 5']);
        // The main container writes nothing to its own stdout: the lines reach the user only through the sidecar.
        assert.equal((await k(['logs', 'sidecar', '-c', 'main'])).stdout, '');
    });
    it('native sidecar (initContainers restartPolicy Always): ships the main container\'s log while it runs, stops after it, and the Pod Succeeds', async () => {
        await apply(pod('native-sidecar', {
            restartPolicy: 'Never',
            initContainers: [bb('shipper', 'while [ ! -f /logs/app.log ]; do sleep 0.1; done; exec tail -n +1 -f /logs/app.log', { restartPolicy: 'Always', volumeMounts: [{ name: 'logs', mountPath: '/logs', readOnly: true }] })],
            containers: [bb('main', 'i=0; while [ $i -lt 20 ]; do echo "app line $i" >> /var/log/app/app.log; i=$((i+1)); sleep 0.2; done', { volumeMounts: [{ name: 'logs', mountPath: '/var/log/app' }] })],
            volumes: [{ name: 'logs', emptyDir: {} }],
        }));
        await until('lines shipped while main runs', async () => (await k(['logs', 'native-sidecar', '-c', 'shipper'])).stdout.includes('app line 2'));
        assert.notEqual(await jsonpath('pod/native-sidecar', '{.status.containerStatuses[0].state.running.startedAt}'), '', 'main still running');
        assert.equal(await jsonpath('pod/native-sidecar', '{.status.initContainerStatuses[0].started}'), 'true');
        assert.equal(await jsonpath('pod/native-sidecar', '{.status.phase}'), 'Running');
        await until('Succeeded', async () => (await jsonpath('pod/native-sidecar', '{.status.phase}')) === 'Succeeded', 30_000);
        assert.equal(await statusColumn('native-sidecar'), 'Completed');
        const shipped = (await k(['logs', 'native-sidecar', '-c', 'shipper'])).stdout.split('\n').filter(Boolean);
        assert.deepEqual(shipped, Array.from({ length: 20 }, (_, i) => `app line ${i}`), 'every line shipped before the sidecar stopped');
        const p = JSON.parse((await k(['get', 'pod', 'native-sidecar', '-o', 'json'])).stdout);
        const main = p.status.containerStatuses[0].state.terminated;
        const shipper = p.status.initContainerStatuses[0].state.terminated;
        assert.equal(main.exitCode, 0);
        assert.ok(shipper, 'the sidecar was stopped');
        assert.ok(shipper.finishedAt >= main.finishedAt, 'the sidecar stopped after main');
    });
    it('adapter: reformats the main container\'s output into JSON lines', async () => {
        await apply(pod('adapter', {
            containers: [
                bb('main', 'n=0; while true; do n=$((n+1)); echo "$n WARN disk nearly full" >> /out/raw.log; echo "$n INFO all good" >> /out/raw.log; sleep 0.3; done', { volumeMounts: [{ name: 'out', mountPath: '/out' }] }),
                bb('adapter', 'while [ ! -f /in/raw.log ]; do sleep 0.1; done; tail -n +1 -f /in/raw.log | while read -r seq level msg; do printf \'{"seq":%s,"level":"%s","message":"%s"}\\n\' "$seq" "$level" "$msg"; done', { volumeMounts: [{ name: 'out', mountPath: '/in' }] }),
            ],
            volumes: [{ name: 'out', emptyDir: {} }],
        }));
        await running('adapter');
        const out = await until('JSON lines', async () => {
            const r = await k(['logs', 'adapter', '-c', 'adapter']);
            return r.stdout.split('\n').filter(Boolean).length >= 4 && r.stdout;
        });
        const lines = out.split('\n').filter(Boolean).slice(0, 4).map((l) => JSON.parse(l));
        assert.deepEqual(lines, [
            { seq: 1, level: 'WARN', message: 'disk nearly full' },
            { seq: 1, level: 'INFO', message: 'all good' },
            { seq: 2, level: 'WARN', message: 'disk nearly full' },
            { seq: 2, level: 'INFO', message: 'all good' },
        ]);
    });
    it('postStart leaves its effect; preStop blocks deletion, and SIGTERM comes only after it', async () => {
        const dir = join(hostDir, 'hooks');
        await apply(pod('hooks', {
            terminationGracePeriodSeconds: 30,
            containers: [bb('app', 'trap "echo term >> /h/trace; exit 0" TERM; echo started >> /h/trace; sleep 3600 & wait', {
                    volumeMounts: [{ name: 'h', mountPath: '/h' }],
                    lifecycle: {
                        postStart: { exec: { command: ['sh', '-c', 'echo Hello from the postStart handler > /h/message'] } },
                        preStop: { exec: { command: ['sh', '-c', 'echo prestop-begin >> /h/trace; sleep 3; echo prestop-end >> /h/trace'] } },
                    },
                })],
            volumes: [{ name: 'h', hostPath: { path: dir, type: 'DirectoryOrCreate' } }],
        }));
        await running('hooks');
        const msg = await until('the postStart message', async () => {
            const r = await k(['exec', 'hooks', '--', 'cat', '/h/message']);
            return r.code === 0 && r.stdout;
        });
        assert.equal(msg, 'Hello from the postStart handler\n');
        const t0 = Date.now();
        const d = await k(['delete', 'pod', 'hooks']);
        const took = Date.now() - t0;
        assert.equal(d.code, 0, d.stderr);
        assert.match(d.stdout, /pod "hooks" deleted/);
        assert.ok(took >= 3000, `deletion took only ${took} ms: preStop did not block it`);
        assert.ok(took < 25_000, `deletion took ${took} ms: the container ignored SIGTERM or was killed at the grace period`);
        assert.deepEqual((await readFile(join(dir, 'trace'), 'utf8')).split('\n').filter(Boolean), ['started', 'prestop-begin', 'prestop-end', 'term']);
    });
});
describe('restartPolicy and the phase it yields', { concurrency: true }, () => {
    it('Never + exit 0 → Succeeded, kubectl shows Completed', async () => {
        await apply(pod('never-ok', { restartPolicy: 'Never', containers: [bb('c', 'exit 0')] }));
        await until('Succeeded', async () => (await jsonpath('pod/never-ok', '{.status.phase}')) === 'Succeeded');
        assert.equal(await statusColumn('never-ok'), 'Completed');
        assert.equal(await jsonpath('pod/never-ok', '{.status.containerStatuses[0].state.terminated.exitCode}'), '0');
        assert.equal(await jsonpath('pod/never-ok', '{.status.containerStatuses[0].restartCount}'), '0');
    });
    it('Never + exit 1 → Failed, kubectl shows Error', async () => {
        await apply(pod('never-fail', { restartPolicy: 'Never', containers: [bb('c', 'exit 1')] }));
        await until('Failed', async () => (await jsonpath('pod/never-fail', '{.status.phase}')) === 'Failed');
        assert.equal(await statusColumn('never-fail'), 'Error');
        assert.equal(await jsonpath('pod/never-fail', '{.status.containerStatuses[0].state.terminated.exitCode}'), '1');
        assert.equal(await jsonpath('pod/never-fail', '{.status.containerStatuses[0].restartCount}'), '0');
    });
    it('OnFailure + exit 1 → restarts, then CrashLoopBackOff shown by kubectl', async () => {
        await apply(pod('onfailure-fail', { restartPolicy: 'OnFailure', containers: [bb('c', 'exit 1')] }));
        await until('CrashLoopBackOff', async () => (await statusColumn('onfailure-fail')) === 'CrashLoopBackOff');
        assert.ok(Number(await jsonpath('pod/onfailure-fail', '{.status.containerStatuses[0].restartCount}')) >= 1);
        assert.equal(await jsonpath('pod/onfailure-fail', '{.status.phase}'), 'Running');
        assert.equal(await jsonpath('pod/onfailure-fail', '{.status.containerStatuses[0].lastState.terminated.exitCode}'), '1');
        const events = await k(['get', 'events', '--field-selector', 'involvedObject.name=onfailure-fail', '-o', 'jsonpath={.items[*].reason}']);
        assert.match(events.stdout, /BackOff/);
    });
    it('OnFailure + exit 0 → Succeeded without a restart', async () => {
        await apply(pod('onfailure-ok', { restartPolicy: 'OnFailure', containers: [bb('c', 'exit 0')] }));
        await until('Succeeded', async () => (await jsonpath('pod/onfailure-ok', '{.status.phase}')) === 'Succeeded');
        assert.equal(await statusColumn('onfailure-ok'), 'Completed');
        assert.equal(await jsonpath('pod/onfailure-ok', '{.status.containerStatuses[0].restartCount}'), '0');
    });
    it('Always + exit 0 → restarts, the Pod stays Running', async () => {
        await apply(pod('always-ok', { restartPolicy: 'Always', containers: [bb('c', 'sleep 0.5; exit 0')] }));
        await until('a restart', async () => Number(await jsonpath('pod/always-ok', '{.status.containerStatuses[0].restartCount}')) >= 1);
        assert.equal(await jsonpath('pod/always-ok', '{.status.phase}'), 'Running');
        const get = await k(['get', 'pod', 'always-ok', '--no-headers']);
        assert.match(get.stdout, /^always-ok\s+[01]\/1\s+(Running|Completed|CrashLoopBackOff)\s+[1-9]/);
    });
});
describe('what goes wrong, as the user sees it', { concurrency: true }, () => {
    it('an absent image with imagePullPolicy Never → ErrImageNeverPull, with an event', async () => {
        await apply(pod('img-never', { containers: [{ name: 'c', image: 'example.com/absent:1', imagePullPolicy: 'Never' }] }));
        await until('ErrImageNeverPull', async () => (await statusColumn('img-never')) === 'ErrImageNeverPull');
        const ev = await until('the event', async () => {
            const r = await k(['get', 'events', '--field-selector', 'involvedObject.name=img-never']);
            return r.stdout.includes('ErrImageNeverPull') && r.stdout;
        });
        assert.match(ev, /Container image "example\.com\/absent:1" is not present with pull policy of Never/);
    });
    it('an image that cannot be pulled → ErrImagePull then ImagePullBackOff, with events', async () => {
        // ErrImagePull lasts only until the back-off starts: a watch sees both, as `kubectl get -w` shows them.
        const watching = watchStatuses('img-pull', (s) => s.includes('ErrImagePull') && s.includes('ImagePullBackOff'));
        await apply(pod('img-pull', { containers: [{ name: 'c', image: '127.0.0.1:1/absent:1' }] }));
        const seen = await watching;
        assert.deepEqual(seen.slice(seen.indexOf('ErrImagePull'), seen.indexOf('ErrImagePull') + 2), ['ErrImagePull', 'ImagePullBackOff']);
        const ev = await until('the events', async () => {
            const r = await k(['describe', 'pod', 'img-pull']);
            return /Back-off pulling image "127\.0\.0\.1:1\/absent:1"/.test(r.stdout) && r.stdout;
        });
        assert.match(ev, /Pulling\s+.*Pulling image "127\.0\.0\.1:1\/absent:1"/);
        assert.match(ev, /Failed\s+.*Failed to pull image "127\.0\.0\.1:1\/absent:1": .*ECONNREFUSED/);
        assert.match(ev, /Failed\s+.*Error: ErrImagePull/);
    });
    it('a command that does not exist → RunContainerError or CreateContainerError, with a Failed event', async () => {
        await apply(pod('no-cmd', { containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Never', command: ['/no/such/binary'] }] }));
        const st = await until('the error', async () => {
            const s = await statusColumn('no-cmd');
            return /^(RunContainerError|CreateContainerError|StartError)$/.test(s) && s;
        });
        assert.match(st, /^(RunContainerError|CreateContainerError)$/);
        const ev = await until('a Failed event', async () => {
            const r = await k(['describe', 'pod', 'no-cmd']);
            return /Failed\s.*\/no\/such\/binary/.test(r.stdout) && r.stdout;
        });
        assert.match(ev, /no such file or directory/);
    });
    it('a volumeMount naming no volume → kubectl apply gets 422 Invalid', async () => {
        const r = await kubectl(server.kubeconfig, ['apply', '-v=6', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', ...pod('dangling', { containers: [bb('c', 'true', { volumeMounts: [{ name: 'nowhere', mountPath: '/x' }] })] }) }) });
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, /422 Unprocessable Entity/);
        assert.match(r.stderr, /The Pod "dangling" is invalid: spec\.containers\[0\]\.volumeMounts\[0\]\.name: Not found: "nowhere"/);
        assert.match((await k(['get', 'pod', 'dangling'])).stderr, /NotFound|not found/);
    });
    it('kill -9 of the container\'s process → restarted, restartCount 1, last state exit 137', async () => {
        await apply(pod('killed', { containers: [bb('c', 'exec sleep 3600')] }));
        await running('killed');
        const id = (await jsonpath('pod/killed', '{.status.containerStatuses[0].containerID}')).replace(/^runc:\/\//, '');
        assert.ok(id);
        const state = await sh('runc', ['--root', join(server.dataDir, 'runtime', 'runc'), 'state', id]);
        assert.equal(state.code, 0, state.stderr);
        const pid = JSON.parse(state.stdout).pid;
        // The same process, seen from inside the container through kubectl exec, is PID 1 of its namespace.
        assert.equal(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim(), 'sleep 3600');
        assert.equal((await k(['exec', 'killed', '--', 'cat', '/proc/1/cmdline'])).stdout.replace(/\0/g, ' ').trim(), 'sleep 3600');
        process.kill(pid, 'SIGKILL');
        await until('restartCount 1 and running again', async () => (await jsonpath('pod/killed', '{.status.containerStatuses[0].restartCount}')) === '1' &&
            (await jsonpath('pod/killed', '{.status.containerStatuses[0].state.running.startedAt}')) !== '');
        assert.equal(await jsonpath('pod/killed', '{.status.containerStatuses[0].lastState.terminated.exitCode}'), '137');
        const newId = (await jsonpath('pod/killed', '{.status.containerStatuses[0].containerID}')).replace(/^runc:\/\//, '');
        assert.notEqual(newId, id);
        assert.match((await k(['get', 'pod', 'killed', '--no-headers'])).stdout, /^killed\s+1\/1\s+Running\s+1 \(.* ago\)/);
    });
    it('a hostPath of the wrong type (File on a directory) → FailedMount event, containers never start', async () => {
        await apply(pod('wrong-type', {
            containers: [bb('c', forever, { volumeMounts: [{ name: 'h', mountPath: '/h' }] })],
            volumes: [{ name: 'h', hostPath: { path: hostDir, type: 'File' } }],
        }));
        const ev = await until('FailedMount', async () => {
            const r = await k(['get', 'events', '--field-selector', 'involvedObject.name=wrong-type']);
            return r.stdout.includes('FailedMount') && r.stdout;
        });
        assert.match(ev, new RegExp(`hostPath type check failed: ${hostDir} is not a file`));
        assert.equal(await jsonpath('pod/wrong-type', '{.status.phase}'), 'Pending');
        assert.equal(await statusColumn('wrong-type'), 'ContainerCreating');
    });
});
//# sourceMappingURL=pod-patterns.test.js.map
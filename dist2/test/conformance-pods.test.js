// Pod-scoped behaviours of Kubernetes' conformance suite that no other berth test proved, each written
// here from what the upstream test checks (test/conformance-pods.md maps every upstream test to its
// berth test). The real kubectl against `berth server` with its kubelet (runc, conmon, the offline
// busybox image); one server for the file, the cases run concurrently.
import assert from 'node:assert/strict';
import { readlinkSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { KUBECTL, kubectl } from './support/kubectl.js';
import { disposeNodeServer, startNodeServer, untilNodeReady } from './support/node-server.js';
import { until } from './support/wait.js';
let server;
const k = (args, input) => kubectl(server.kubeconfig, args, input === undefined ? {} : { input });
const get = async (obj, path, ns = 'default') => (await k(['get', '-n', ns, obj, '-o', `jsonpath=${path}`])).stdout;
const b64 = (s) => Buffer.from(s).toString('base64');
async function apply(...objects) {
    const r = await k(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
    assert.equal(r.code, 0, r.stderr);
}
const podOf = (name, spec, meta = {}) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, ...meta }, spec: { terminationGracePeriodSeconds: 1, ...spec },
});
const bb = (name, script, extra = {}) => ({ name, image: 'busybox', imagePullPolicy: 'Never', command: ['sh', '-c', script], ...extra });
const forever = 'trap "exit 0" TERM; sleep 3600 & wait';
const cm = (name, data, ns = 'default') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data });
const secret = (name, data, ns = 'default') => ({
    apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns }, data: Object.fromEntries(Object.entries(data).map(([key, v]) => [key, b64(v)])),
});
/** Waits for the phase; a timeout says what the Pod and its events showed instead. */
async function phase(name, want, ns = 'default') {
    try {
        await until(`${name} ${want}`, async () => (await get(`pod/${name}`, '{.status.phase}', ns)) === want, 90_000);
    }
    catch (e) {
        const [status, events] = await Promise.all([get(`pod/${name}`, '{.status}', ns), k(['get', 'events', '-n', ns, '--field-selector', `involvedObject.name=${name}`])]);
        throw new Error(`${e.message}\nstatus: ${status}\nevents:\n${events.stdout}`);
    }
}
const logs = async (pod, c) => (await k(['logs', pod, ...(c ? ['-c', c] : [])])).stdout;
const exec = async (pod, script) => (await k(['exec', pod, '--', 'sh', '-c', script])).stdout;
before(async () => {
    server = await startNodeServer(await mkdtemp(join(tmpdir(), 'berth-conformance-')));
    await untilNodeReady(server);
});
after(() => disposeNodeServer(server));
describe('conformance: Pods', { concurrency: true }, () => {
    it('configMap, secret and projected volumes follow their objects within seconds; optional ones appear and go; a subPath mount keeps its first content', async () => {
        await apply(cm('live-cm', { data: 'v1' }), secret('live-sec', { pw: 'one' }), cm('gone-cm', { k: 'here' }));
        await apply(podOf('live', {
            containers: [bb('c', forever, { volumeMounts: [
                        { name: 'cm', mountPath: '/cm' }, { name: 'sec', mountPath: '/sec' }, { name: 'proj', mountPath: '/proj' },
                        { name: 'later', mountPath: '/later' }, { name: 'gone', mountPath: '/gone' }, { name: 'cm', mountPath: '/sub/data', subPath: 'data' },
                    ] })],
            volumes: [
                { name: 'cm', configMap: { name: 'live-cm' } },
                { name: 'sec', secret: { secretName: 'live-sec' } },
                { name: 'proj', projected: { sources: [{ configMap: { name: 'live-cm' } }, { secret: { name: 'live-sec' } }] } },
                { name: 'later', configMap: { name: 'later-cm', optional: true } },
                { name: 'gone', configMap: { name: 'gone-cm', optional: true } },
            ],
        }));
        await phase('live', 'Running');
        const show = 'for f in /cm/data /sec/pw /proj/data /proj/pw /sub/data /later/k /gone/k; do cat $f 2>/dev/null || printf -; echo; done';
        assert.equal(await exec('live', show), 'v1\none\nv1\none\nv1\n-\nhere\n');
        const changedAt = Date.now();
        await apply(cm('live-cm', { data: 'v2' }), secret('live-sec', { pw: 'two' }), cm('later-cm', { k: 'new' }));
        await k(['delete', 'configmap', 'gone-cm']);
        const seen = await until('the volumes updated', async () => {
            const out = await exec('live', show);
            return out.startsWith('v2\ntwo\nv2\ntwo\n') && out.endsWith('new\n-\n') && out;
        }, 20_000, 200);
        assert.ok(Date.now() - changedAt < 10_000, `updated in ${Date.now() - changedAt} ms`);
        assert.equal(seen, 'v2\ntwo\nv2\ntwo\nv1\nnew\n-\n', 'the subPath mount keeps v1, as upstream');
    });
    it('secret volumes: defaultMode, items with their own mode, fsGroup for a non-root user, two volumes, and only the Pod\'s namespace', async () => {
        await k(['create', 'namespace', 'other-ns']);
        await apply(secret('s', { pw: 'mine', extra: 'x' }), secret('s', { pw: 'NOT-MINE' }, 'other-ns'));
        await apply(podOf('secret-modes', {
            restartPolicy: 'Never',
            securityContext: { runAsUser: 1000, fsGroup: 1001 },
            containers: [bb('c', 'for f in /a/pw /b/renamed /c/pw; do echo "$(stat -L -c "%a %g" $f) $(cat $f)"; done; id -u', { volumeMounts: [
                        { name: 'a', mountPath: '/a' }, { name: 'b', mountPath: '/b' }, { name: 'c', mountPath: '/c' },
                    ] })],
            volumes: [
                { name: 'a', secret: { secretName: 's', defaultMode: 0o400 } },
                { name: 'b', secret: { secretName: 's', items: [{ key: 'pw', path: 'renamed', mode: 0o600 }] } },
                { name: 'c', secret: { secretName: 's' } },
            ],
        }));
        await phase('secret-modes', 'Succeeded');
        // With an fsGroup the group may read each file (mode | 0440) and owns it, as the kubelet sets ownership.
        assert.equal(await logs('secret-modes'), '440 1001 mine\n640 1001 mine\n644 1001 mine\n1000\n');
    });
    it('containers: the image\'s defaults, or the Pod\'s command, args, or both', async () => {
        await apply(podOf('argv', {
            restartPolicy: 'Never',
            containers: [
                { name: 'defaults', image: 'busybox', imagePullPolicy: 'Never' },
                { name: 'args', image: 'busybox', imagePullPolicy: 'Never', args: ['echo', 'from args'] },
                { name: 'command', image: 'busybox', imagePullPolicy: 'Never', command: ['echo', 'from command'] },
                { name: 'both', image: 'busybox', imagePullPolicy: 'Never', command: ['sh', '-c'], args: ['echo from both $0', 'x'] },
            ],
        }));
        await phase('argv', 'Succeeded');
        assert.deepEqual(await Promise.all(['defaults', 'args', 'command', 'both'].map((c) => logs('argv', c))), ['', 'from args\n', 'from command\n', 'from both x\n']);
    });
    it('variable expansion: composed env, $(VAR) in command and args, subPathExpr; an absolute or ".." subPathExpr is refused', async () => {
        await apply(podOf('expand', {
            restartPolicy: 'Never',
            containers: [{
                    // $(FOO) and $(POD_NAME) are the kubelet's to expand; $COMPOSED and $1 the shell's.
                    ...bb('c', ''),
                    command: ['sh', '-c', 'echo "$COMPOSED | $(FOO) | $1" > /v/out; cat /whole/$(POD_NAME)/out', 'sh'],
                    args: ['$(FOO)-arg'],
                    env: [
                        { name: 'FOO', value: 'foo' },
                        { name: 'COMPOSED', value: 'pre-$(FOO)-$(MISSING)-$$(FOO)' },
                        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                    ],
                    volumeMounts: [{ name: 'w', mountPath: '/v', subPathExpr: '$(POD_NAME)' }, { name: 'w', mountPath: '/whole' }],
                }],
            volumes: [{ name: 'w', emptyDir: {} }],
        }));
        for (const [name, value] of [['abs-subpath', '/tmp'], ['dotdot-subpath', '..']]) {
            await apply(podOf(name, { containers: [{ ...bb('c', forever), env: [{ name: 'P', value }], volumeMounts: [{ name: 'w', mountPath: '/v', subPathExpr: '$(P)' }] }], volumes: [{ name: 'w', emptyDir: {} }] }));
        }
        await phase('expand', 'Succeeded');
        assert.equal(await logs('expand'), 'pre-foo-$(MISSING)-$(FOO) | foo | foo-arg\n');
        for (const name of ['abs-subpath', 'dotdot-subpath']) {
            await until(`${name} refused`, async () => (await get(`pod/${name}`, '{.status.containerStatuses[0].state.waiting.reason}')) === 'CreateContainerConfigError');
        }
    });
    it('variable expansion: a subPathExpr that fails (an annotation not yet set) starts once the annotation is added', async () => {
        await apply(podOf('subpath-later', {
            restartPolicy: 'Never',
            containers: [{
                    ...bb('c', forever),
                    env: [{ name: 'POD_NAME', value: 'foo' }, { name: 'ANNOTATION', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['mysubpath']" } } }],
                    volumeMounts: [{ name: 'w', mountPath: '/subpath_mount', subPathExpr: '$(ANNOTATION)/$(POD_NAME)' }, { name: 'w', mountPath: '/volume_mount' }],
                }],
            volumes: [{ name: 'w', emptyDir: {} }],
        }, { annotations: { notmysubpath: 'mypath' } }));
        // Without the annotation the expression is "/foo", absolute, so the container cannot be created.
        await until('subpath-later refused', async () => (await get('pod/subpath-later', '{.status.containerStatuses[0].state.waiting.reason}')) === 'CreateContainerConfigError');
        assert.equal((await k(['annotate', 'pod', 'subpath-later', 'mysubpath=mypath'])).code, 0);
        await phase('subpath-later', 'Running');
        assert.equal(await exec('subpath-later', 'touch /volume_mount/mypath/foo/test.log && test -f /subpath_mount/test.log && echo ok'), 'ok\n');
    });
    it('environment variables for services: the namespace\'s Services and the kubernetes Service, only the latter without service links', async () => {
        await apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'fooservice' }, spec: { selector: { name: 'fooservice' }, ports: [{ name: 'web', port: 8765, targetPort: 8080 }] } });
        const ip = await get('svc/fooservice', '{.spec.clusterIP}');
        await apply(podOf('env-svc', { restartPolicy: 'Never', containers: [bb('c', 'env | sort')] }), podOf('env-nolinks', { restartPolicy: 'Never', enableServiceLinks: false, containers: [bb('c', 'env | sort')] }));
        await Promise.all([phase('env-svc', 'Succeeded'), phase('env-nolinks', 'Succeeded')]);
        const env = await logs('env-svc');
        for (const line of [
            `FOOSERVICE_SERVICE_HOST=${ip}`, 'FOOSERVICE_SERVICE_PORT=8765', 'FOOSERVICE_SERVICE_PORT_WEB=8765', `FOOSERVICE_PORT=tcp://${ip}:8765`,
            `FOOSERVICE_PORT_8765_TCP=tcp://${ip}:8765`, 'FOOSERVICE_PORT_8765_TCP_PROTO=tcp', 'FOOSERVICE_PORT_8765_TCP_PORT=8765', `FOOSERVICE_PORT_8765_TCP_ADDR=${ip}`,
            'KUBERNETES_SERVICE_HOST=10.43.0.1', 'KUBERNETES_SERVICE_PORT=443', 'KUBERNETES_SERVICE_PORT_HTTPS=443', 'KUBERNETES_PORT=tcp://10.43.0.1:443',
        ])
            assert.ok(env.split('\n').includes(line), `${line} in:\n${env}`);
        const unlinked = await logs('env-nolinks');
        assert.match(unlinked, /^KUBERNETES_SERVICE_HOST=10\.43\.0\.1$/m);
        assert.doesNotMatch(unlinked, /FOOSERVICE/);
    });
    it('downward API env: name, namespace, UID, pod and host IP, requests and limits, node allocatable for an unset limit', async () => {
        const ref = (fieldPath) => ({ valueFrom: { fieldRef: { fieldPath } } });
        const res = (resource, divisor) => ({ valueFrom: { resourceFieldRef: { resource, ...(divisor ? { divisor } : {}) } } });
        await apply(podOf('dapi-env', {
            restartPolicy: 'Never',
            containers: [{
                    ...bb('c', 'env | grep ^D_ | sort'),
                    resources: { requests: { cpu: '250m', memory: '32Mi' }, limits: { memory: '64Mi' } },
                    env: Object.entries({
                        D_NAME: ref('metadata.name'), D_NS: ref('metadata.namespace'), D_UID: ref('metadata.uid'), D_POD_IP: ref('status.podIP'), D_HOST_IP: ref('status.hostIP'),
                        D_CPU_REQ: res('requests.cpu', '1m'), D_MEM_REQ: res('requests.memory', '1Mi'), D_MEM_LIM: res('limits.memory', '1Mi'), D_CPU_LIM: res('limits.cpu'),
                    }).map(([name, v]) => ({ name, ...v })),
                }],
        }));
        await phase('dapi-env', 'Succeeded');
        const env = Object.fromEntries((await logs('dapi-env')).trim().split('\n').map((l) => l.split('=', 2)));
        const [uid, podIP, hostIP, cpus] = await Promise.all([get('pod/dapi-env', '{.metadata.uid}'), get('pod/dapi-env', '{.status.podIP}'), get('pod/dapi-env', '{.status.hostIP}'), get(`node`, '{.items[0].status.allocatable.cpu}')]);
        assert.deepEqual(env, {
            D_NAME: 'dapi-env', D_NS: 'default', D_UID: uid, D_POD_IP: podIP, D_HOST_IP: hostIP,
            D_CPU_REQ: '250', D_MEM_REQ: '32', D_MEM_LIM: '64', D_CPU_LIM: String(Math.ceil(Number(cpus.replace(/m$/, '')) / (cpus.endsWith('m') ? 1000 : 1))),
        });
        assert.match(podIP, /^\d+\.\d+\.\d+\.\d+$/);
    });
    it('emptyDir: 0777 on disk and on tmpfs (a tmpfs mount), files keep the mode they are given, non-root may write, containers share it', async () => {
        await apply(podOf('empty-modes', {
            restartPolicy: 'Never',
            securityContext: { runAsUser: 1001 },
            initContainers: [bb('writer', 'echo shared > /disk/from-init', { volumeMounts: [{ name: 'disk', mountPath: '/disk' }] })],
            containers: [bb('c', [
                    'stat -c "%a" /disk /mem',
                    'grep -c " /mem tmpfs " /proc/mounts',
                    'for m in 644 666 777; do for d in disk mem; do echo x > /$d/f$m && chmod $m /$d/f$m && stat -c "%a %u" /$d/f$m; done; done',
                    'cat /disk/from-init',
                ].join('; '), { volumeMounts: [{ name: 'disk', mountPath: '/disk' }, { name: 'mem', mountPath: '/mem' }] })],
            volumes: [{ name: 'disk', emptyDir: {} }, { name: 'mem', emptyDir: { medium: 'Memory' } }],
        }));
        await phase('empty-modes', 'Succeeded');
        assert.equal(await logs('empty-modes'), '777\n777\n1\n644 1001\n644 1001\n666 1001\n666 1001\n777 1001\n777 1001\nshared\n');
    });
    it('pods: activeDeadlineSeconds set on a running Pod ends it with DeadlineExceeded; labels update; the kubelet-managed /etc/hosts, not for a hostNetwork Pod or one mounting its own', async () => {
        await apply(podOf('deadline', { containers: [bb('c', forever)] }, { labels: { time: 'before' } }));
        await apply(podOf('hosts', {
            containers: [bb('managed', forever), bb('own', forever, { volumeMounts: [{ name: 'h', mountPath: '/etc/hosts' }] })],
            volumes: [{ name: 'h', hostPath: { path: '/etc/hosts', type: 'File' } }],
        }), podOf('hosts-hostnet', { hostNetwork: true, containers: [bb('c', forever)] }));
        await phase('deadline', 'Running');
        assert.equal((await k(['label', 'pod', 'deadline', 'time=after', '--overwrite'])).code, 0);
        assert.equal((await k(['get', 'pods', '-l', 'time=after', '-o', 'name'])).stdout, 'pod/deadline\n');
        assert.equal((await k(['patch', 'pod', 'deadline', '-p', '{"spec":{"activeDeadlineSeconds":3}}'])).code, 0);
        await phase('hosts', 'Running');
        await phase('hosts-hostnet', 'Running');
        const head = async (pod, c) => (await k(['exec', pod, '-c', c, '--', 'head', '-1', '/etc/hosts'])).stdout;
        assert.equal(await head('hosts', 'managed'), '# Kubernetes-managed hosts file.\n');
        assert.notEqual(await head('hosts', 'own'), '# Kubernetes-managed hosts file.\n');
        assert.notEqual(await head('hosts-hostnet', 'c'), '# Kubernetes-managed hosts file.\n');
        await phase('deadline', 'Failed');
        assert.equal(await get('pod/deadline', '{.status.reason}'), 'DeadlineExceeded');
    });
    it('sysctls: safe ones are set in the Pod\'s namespaces; an unsafe one fails the Pod with SysctlForbidden; invalid names are refused', async () => {
        await apply(podOf('sysctl-safe', {
            restartPolicy: 'Never',
            securityContext: { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'net/ipv4/tcp_fin_timeout', value: '17' }] },
            containers: [bb('c', 'sysctl kernel.shm_rmid_forced net.ipv4.tcp_fin_timeout')],
        }), podOf('sysctl-unsafe', { securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '10000000' }] }, containers: [bb('c', forever)] }));
        const invalid = await k(['apply', '-f', '-'], JSON.stringify(podOf('sysctl-invalid', {
            hostNetwork: true,
            securityContext: { sysctls: ['foo-', 'bar..', 'kernel.shm_rmid_forced', 'kernel.shm_rmid_forced', 'net.ipv4.tcp_syncookies'].map((name) => ({ name, value: '1' })) },
            containers: [bb('c', forever)],
        })));
        assert.notEqual(invalid.code, 0);
        for (const want of ['[0].name: Invalid value: "foo-": must have at most 253 characters', '[1].name: Invalid value: "bar..": must have', '[3].name: Duplicate value: "kernel.shm_rmid_forced"',
            '[4].name: Invalid value: "net.ipv4.tcp_syncookies": may not be specified when \'hostNetwork\' is true']) {
            assert.ok(invalid.stderr.includes(`spec.securityContext.sysctls${want}`), `${want} in ${invalid.stderr}`);
        }
        await phase('sysctl-safe', 'Succeeded');
        assert.equal(await logs('sysctl-safe'), 'kernel.shm_rmid_forced = 1\nnet.ipv4.tcp_fin_timeout = 17\n');
        await phase('sysctl-unsafe', 'Failed');
        assert.equal(await get('pod/sysctl-unsafe', '{.status.reason}: {.status.message}'), 'SysctlForbidden: forbidden sysctl: "kernel.msgmax" not allowlisted');
    });
    it('securityContext: a read-only or writable root filesystem, unprivileged, no privilege escalation; a non-root termination message at its own path; binaryData in a configMap volume', async () => {
        const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i));
        await apply({ ...cm('bin-cm', { text: 'plain' }), binaryData: { blob: bytes.toString('base64') } });
        const sc = (securityContext) => ({ securityContext });
        await apply(podOf('secctx', {
            restartPolicy: 'Never',
            containers: [
                bb('ro', '{ echo test > /file; } 2>&1; echo rc=$?', sc({ readOnlyRootFilesystem: true })),
                bb('rw', 'echo test > /file && cat /file', sc({ readOnlyRootFilesystem: false })),
                bb('unpriv', 'ip link add dummy0 type dummy 2>&1; echo rc=$?', sc({ privileged: false })),
                bb('nnp', 'grep NoNewPrivs /proc/self/status', sc({ runAsUser: 1000, allowPrivilegeEscalation: false })),
                bb('nnp-default', 'grep NoNewPrivs /proc/self/status', sc({ runAsUser: 1000 })),
                bb('term', 'echo -n DONE > /dev/termination-custom-log', { ...sc({ runAsUser: 1000 }), terminationMessagePath: '/dev/termination-custom-log' }),
                bb('bin', 'cat /cm/text; echo; base64 -w0 /cm/blob', { volumeMounts: [{ name: 'cm', mountPath: '/cm' }] }),
            ],
            volumes: [{ name: 'cm', configMap: { name: 'bin-cm' } }],
        }));
        await phase('secctx', 'Succeeded');
        const out = Object.fromEntries(await Promise.all(['ro', 'rw', 'unpriv', 'nnp', 'nnp-default', 'bin'].map(async (c) => [c, await logs('secctx', c)])));
        assert.deepEqual(out, {
            ro: 'sh: can\'t create /file: Read-only file system\nrc=1\n',
            rw: 'test\n',
            unpriv: 'ip: RTNETLINK answers: Operation not permitted\nrc=2\n',
            nnp: 'NoNewPrivs:\t1\n',
            'nnp-default': 'NoNewPrivs:\t0\n',
            bin: `plain\n${bytes.toString('base64')}`,
        });
        assert.equal(await get('pod/secctx', '{.status.containerStatuses[?(@.name=="term")].state.terminated.message}'), 'DONE');
    });
    it('hostPID and hostIPC: the containers are in the host\'s pid and IPC namespaces; without them, in the Pod\'s own', async () => {
        const script = 'readlink /proc/self/ns/pid; readlink /proc/self/ns/ipc';
        await apply(podOf('host-ns', { restartPolicy: 'Never', hostPID: true, hostIPC: true, containers: [bb('c', script)] }), podOf('own-ns', { restartPolicy: 'Never', containers: [bb('c', script)] }));
        await phase('host-ns', 'Succeeded');
        await phase('own-ns', 'Succeeded');
        const host = `${readlinkSync('/proc/self/ns/pid')}\n${readlinkSync('/proc/self/ns/ipc')}\n`;
        assert.equal(await logs('host-ns'), host);
        const own = (await logs('own-ns')).split('\n');
        assert.notEqual(own[0], readlinkSync('/proc/self/ns/pid'));
        assert.notEqual(own[1], readlinkSync('/proc/self/ns/ipc'));
    });
    it('pods/log over a WebSocket: binary.k8s.io gives the log as binary messages, base64.binary.k8s.io as base64 text; the log\'s end closes it', async () => {
        await apply(podOf('ws-logs', { containers: [bb('main', `echo container is alive; ${forever}`)] }));
        await phase('ws-logs', 'Running');
        await until('the log written', async () => (await logs('ws-logs')) === 'container is alive\n');
        const cfg = await loadKubeconfig(server.kubeconfig);
        const read = async (protocol) => {
            const ws = new WebSocket(`${cfg.server.replace(/^https/, 'wss')}/api/v1/namespaces/default/pods/ws-logs/log?container=main`, [protocol], { ca: cfg.ca, cert: cfg.cert, key: cfg.key });
            const messages = [];
            ws.on('message', (data, isBinary) => messages.push({ data: data, isBinary }));
            const code = await new Promise((resolve, reject) => { ws.on('close', resolve); ws.on('error', reject); });
            return { code, protocol: ws.protocol, messages };
        };
        const binary = await read('binary.k8s.io');
        assert.deepEqual({ code: binary.code, protocol: binary.protocol, binary: binary.messages.every((m) => m.isBinary) }, { code: 1000, protocol: 'binary.k8s.io', binary: true });
        assert.equal(Buffer.concat(binary.messages.map((m) => m.data)).toString(), 'container is alive\n');
        const text = await read('base64.binary.k8s.io');
        assert.deepEqual({ code: text.code, protocol: text.protocol, text: text.messages.every((m) => !m.isBinary) }, { code: 1000, protocol: 'base64.binary.k8s.io', text: true });
        assert.equal(Buffer.concat(text.messages.map((m) => Buffer.from(m.data.toString(), 'base64'))).toString(), 'container is alive\n');
        const refused = new WebSocket(`${cfg.server.replace(/^https/, 'wss')}/api/v1/namespaces/default/pods/ws-logs/log?container=nope`, ['binary.k8s.io'], { ca: cfg.ca, cert: cfg.cert, key: cfg.key });
        refused.on('error', () => { });
        const status = await new Promise((resolve) => refused.on('unexpected-response', (req, res) => { req.destroy(); resolve(res.statusCode); }));
        assert.equal(status, 400, 'an unknown container is refused before the upgrade');
    });
    it('a client leaving `kubectl logs -f` (Ctrl-C) is not logged by the server as an internal error', async () => {
        await apply(podOf('chatty', { containers: [bb('c', 'while true; do echo tick; sleep 0.2; done')] }));
        await phase('chatty', 'Running');
        const follower = spawn(KUBECTL, ['--kubeconfig', server.kubeconfig, 'logs', '-f', 'chatty'], { stdio: ['ignore', 'pipe', 'ignore'] });
        await new Promise((resolve) => follower.stdout.once('data', resolve));
        follower.kill('SIGINT');
        await new Promise((resolve) => follower.once('exit', resolve));
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        assert.doesNotMatch(server.logs(), /internal error/);
    });
});
//# sourceMappingURL=conformance-pods.test.js.map
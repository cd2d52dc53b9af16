import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, readlink, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containerArgv } from '../src/kubelet/command.js';
import { expandVars } from '../src/kubelet/expand.js';
import { mergeEnv, resolveEnv, type EnvSources } from '../src/kubelet/env.js';
import { cpuMillis, memoryBytes } from '../src/api/quantity.js';
import { securityFor } from '../src/kubelet/security.js';
import { checkHostPathType, containerMounts, refreshLiveVolumes, setUpVolumes, tearDownVolumes } from '../src/kubelet/volumes.js';
import { makeContainerConfig } from '../src/kubelet/containerConfig.js';
import { ContainerError, VolumeError } from '../src/kubelet/errors.js';
import type { Container, Service } from '../src/api/types.js';
import { pod } from './kubelet-fixtures.js';

const image = { entrypoint: ['/entry'], cmd: ['default-cmd'] };
const argvRows: { name: string; c: Partial<Container>; want: string[] }[] = [
  { name: 'neither: entrypoint + cmd', c: {}, want: ['/entry', 'default-cmd'] },
  { name: 'command only: replaces both', c: { command: ['/bin/sh'] }, want: ['/bin/sh'] },
  { name: 'args only: entrypoint + args', c: { args: ['a', 'b'] }, want: ['/entry', 'a', 'b'] },
  { name: 'both', c: { command: ['/bin/sh'], args: ['-c', 'echo $(X)'] }, want: ['/bin/sh', '-c', 'echo 1'] },
];
for (const r of argvRows) {
  test(`argv: ${r.name}`, () => assert.deepEqual(containerArgv({ name: 'c', ...r.c }, image, new Map([['X', '1']])), r.want));
}

test('$(VAR) expansion: defined, undefined, escaped, unterminated', () => {
  const env = new Map([['A', 'x'], ['B', 'y']]);
  const e = (s: string) => expandVars(s, (n) => env.get(n));
  assert.equal(e('$(A)-$(B)'), 'x-y');
  assert.equal(e('$(NOPE)'), '$(NOPE)');
  assert.equal(e('$$(A)'), '$(A)');
  assert.equal(e('$(A'), '$(A');
  assert.equal(e('cost $5 $'), 'cost $5 $');
});

test('quantities', () => {
  assert.equal(memoryBytes('64Mi'), 67108864);
  assert.equal(memoryBytes('1G'), 1e9);
  assert.equal(memoryBytes('1e3'), 1000);
  assert.equal(cpuMillis('250m'), 250);
  assert.equal(cpuMillis('1.5'), 1500);
  assert.throws(() => memoryBytes('12Zi'));
});

const cms: Record<string, Record<string, Buffer>> = { cfg: { color: Buffer.from('blue') } };
const secrets: Record<string, Record<string, Buffer>> = { s: { pw: Buffer.from('hunter2') } };
const sources: EnvSources = {
  podIP: '10.244.0.5', hostIP: '192.168.1.10', nodeAllocatable: { cpu: '2', memory: '8Gi' },
  getConfigMap: async (n) => cms[n] ?? null, getSecret: async (n) => secrets[n] ?? null, services: async () => [],
  serviceAccountToken: async () => 'token', getPersistentVolumeClaim: async () => null, getPersistentVolume: async () => null,
};

test('env: values, $(VAR) over earlier entries, fieldRef, resourceFieldRef, configMap/secret keys', async () => {
  const p = pod({ nodeName: 'n1', serviceAccountName: 'sa' }, { metadata: { name: 'web', namespace: 'default', uid: 'uid-1', labels: { app: 'w', tier: 'f' }, annotations: { a: 'b' } } });
  const c: Container = {
    name: 'app',
    resources: { limits: { memory: '64Mi', cpu: '250m' } },
    env: [
      { name: 'A', value: 'one' },
      { name: 'B', value: '$(A)-two-$(LATER)' },
      { name: 'LATER', value: 'x' },
      { name: 'NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
      { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
      { name: 'LABELS', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } },
      { name: 'ANN', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['a']" } } },
      { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'HOST', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
      { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'SA', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
      { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
      { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
      { name: 'CPUM', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
      { name: 'NODEMEM', valueFrom: { resourceFieldRef: { resource: 'requests.memory' } } },
      { name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'color' } } },
      { name: 'OPT', valueFrom: { configMapKeyRef: { name: 'absent', key: 'k', optional: true } } },
      { name: 'PW', valueFrom: { secretKeyRef: { name: 's', key: 'pw' } } },
    ],
  };
  const env = await resolveEnv(p, c, sources);
  assert.deepEqual(Object.fromEntries(env), {
    A: 'one', B: 'one-two-$(LATER)', LATER: 'x', NAME: 'web', NS: 'default', UID: 'uid-1', APP: 'w', LABELS: 'app="w"\ntier="f"', ANN: 'b',
    IP: '10.244.0.5', HOST: '192.168.1.10', NODE: 'n1', SA: 'sa', MEM: '64', CPU: '1', CPUM: '250', NODEMEM: '0', COLOR: 'blue', PW: 'hunter2',
  });
  assert.deepEqual(mergeEnv(['PATH=/bin', 'A=image'], env).slice(0, 3), ['PATH=/bin', 'A=one', 'B=one-two-$(LATER)']);
});

test('env: Service variables for the namespace\'s Services and default/kubernetes, below the container\'s own', async () => {
  const svc = (ns: string, name: string, clusterIP: string, ports: Service['spec']['ports']): Service => ({ metadata: { namespace: ns, name }, spec: { clusterIP, ports } });
  const services = [
    svc('default', 'kubernetes', '10.43.0.1', [{ name: 'https', port: 443, protocol: 'TCP' }]),
    svc('web', 'redis-primary', '10.43.0.20', [{ port: 6379, protocol: 'TCP' }, { name: 'dns-udp', port: 53, protocol: 'UDP' }]),
    svc('web', 'headless', 'None', [{ port: 80 }]),
    svc('other', 'elsewhere', '10.43.0.30', [{ port: 80 }]),
  ];
  const src = { ...sources, services: async () => services };
  const p = pod({}, { metadata: { name: 'w', namespace: 'web' } });
  const env = Object.fromEntries(await resolveEnv(p, { name: 'c', env: [{ name: 'REDIS_PRIMARY_SERVICE_PORT', value: 'mine' }, { name: 'URL', value: '$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)' }] }, src));
  assert.deepEqual(env, {
    REDIS_PRIMARY_SERVICE_PORT: 'mine', URL: '10.43.0.1:443',
    KUBERNETES_SERVICE_HOST: '10.43.0.1', KUBERNETES_SERVICE_PORT: '443', KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: 'tcp://10.43.0.1:443', KUBERNETES_PORT_443_TCP: 'tcp://10.43.0.1:443', KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_443_TCP_PORT: '443', KUBERNETES_PORT_443_TCP_ADDR: '10.43.0.1',
    REDIS_PRIMARY_SERVICE_HOST: '10.43.0.20', REDIS_PRIMARY_SERVICE_PORT_DNS_UDP: '53',
    REDIS_PRIMARY_PORT: 'tcp://10.43.0.20:6379', REDIS_PRIMARY_PORT_6379_TCP: 'tcp://10.43.0.20:6379', REDIS_PRIMARY_PORT_6379_TCP_PROTO: 'tcp',
    REDIS_PRIMARY_PORT_6379_TCP_PORT: '6379', REDIS_PRIMARY_PORT_6379_TCP_ADDR: '10.43.0.20',
    REDIS_PRIMARY_PORT_53_UDP: 'udp://10.43.0.20:53', REDIS_PRIMARY_PORT_53_UDP_PROTO: 'udp', REDIS_PRIMARY_PORT_53_UDP_PORT: '53', REDIS_PRIMARY_PORT_53_UDP_ADDR: '10.43.0.20',
  });
  // enableServiceLinks: false leaves the namespace's Services out, never the kubernetes Service.
  const unlinked = pod({ enableServiceLinks: false }, { metadata: { name: 'w', namespace: 'web' } });
  const names = Object.keys(Object.fromEntries(await resolveEnv(unlinked, { name: 'c' }, src)));
  assert.ok(names.includes('KUBERNETES_SERVICE_HOST'));
  assert.ok(!names.some((n) => n.startsWith('REDIS')), names.join(' '));
});

test('env: missing configMap, secret or key is a CreateContainerConfigError', async () => {
  const p = pod();
  const cases: [Container['env'], string][] = [
    [[{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }], 'configmap "nope" not found'],
    [[{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } }], "couldn't find key k in ConfigMap default/cfg"],
    [[{ name: 'X', valueFrom: { secretKeyRef: { name: 'nope', key: 'k' } } }], 'secret "nope" not found'],
    [[{ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }], "couldn't find key k in Secret default/s"],
  ];
  for (const [env, message] of cases) {
    await assert.rejects(resolveEnv(p, { name: 'c', env }, sources), (e: unknown) => e instanceof ContainerError && e.reason === 'CreateContainerConfigError' && e.message === message);
  }
});

test('securityContext: container over pod over image, runAsNonRoot checks', () => {
  const p = pod({ securityContext: { runAsUser: 1000, supplementalGroups: [5] } });
  assert.deepEqual(securityFor(p, { name: 'c', securityContext: { runAsGroup: 3000, privileged: true, capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] }, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false } }, '0:0'), {
    user: { uid: 1000, gid: 3000, additionalGids: [5] }, privileged: true, capabilitiesAdd: ['NET_ADMIN'], capabilitiesDrop: ['ALL'], readOnlyRootfs: true, noNewPrivileges: true,
  });
  assert.deepEqual(securityFor(pod(), { name: 'c' }, '1001:1002'), { user: { uid: 1001, gid: 1002 } });
  assert.deepEqual(securityFor(pod(), { name: 'c' }, undefined), {});
  const nonRoot = { name: 'c', securityContext: { runAsNonRoot: true } };
  const who = '(pod: "web_default(uid-1)", container: c)';
  assert.throws(() => securityFor(pod(), nonRoot, undefined), { message: `container has runAsNonRoot and image will run as root ${who}` });
  assert.throws(() => securityFor(pod(), nonRoot, 'nginx'), { message: `container has runAsNonRoot and image has non-numeric user (nginx), cannot verify user is non-root ${who}` });
  assert.throws(() => securityFor(pod(), { name: 'c', securityContext: { runAsNonRoot: true, runAsUser: 0 } }, '1000'), { message: `container's runAsUser breaks non-root policy ${who}` });
  assert.deepEqual(securityFor(pod(), nonRoot, '1000'), { user: { uid: 1000, gid: 0 } });
});

test('hostPath type checks', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubelet-hp-'));
  const file = join(dir, 'f');
  await writeFile(file, 'x');
  await checkHostPathType(join(dir, 'made/deep'), 'DirectoryOrCreate');
  assert.ok((await stat(join(dir, 'made/deep'))).isDirectory());
  await checkHostPathType(join(dir, 'new/file'), 'FileOrCreate');
  assert.ok((await stat(join(dir, 'new/file'))).isFile());
  await checkHostPathType(dir, 'Directory');
  await checkHostPathType(file, 'File');
  await checkHostPathType('/dev/null', 'CharDevice');
  await checkHostPathType(dir, undefined);
  const fails: [string, string, string][] = [
    [file, 'Directory', `hostPath type check failed: ${file} is not a directory`],
    [file, 'DirectoryOrCreate', `hostPath type check failed: ${file} is not a directory`],
    [join(dir, 'missing'), 'Directory', `hostPath type check failed: ${join(dir, 'missing')} is not a directory`],
    [dir, 'File', `hostPath type check failed: ${dir} is not a file`],
    [dir, 'FileOrCreate', `hostPath type check failed: ${dir} is not a file`],
    [file, 'Socket', `hostPath type check failed: ${file} is not a socket file`],
    [file, 'CharDevice', `hostPath type check failed: ${file} is not a character device`],
    [file, 'BlockDevice', `hostPath type check failed: ${file} is not a block device`],
    [file, 'Weird', 'Weird is an invalid volume type'],
  ];
  for (const [path, type, message] of fails) await assert.rejects(checkHostPathType(path, type), { message });
});

test('volumes: emptyDir, configMap items with modes, secret, mounts with subPath(Expr) and readOnly', async () => {
  const podDir = await mkdtemp(join(tmpdir(), 'kubelet-pod-'));
  const hp = join(podDir, 'host');
  await mkdir(hp);
  const p = pod({
    volumes: [
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cfg', items: [{ key: 'color', path: 'sub/c.txt', mode: 0o600 }] } },
      { name: 'sec', secret: { secretName: 's' } },
      { name: 'host', hostPath: { path: hp, type: 'Directory' } },
    ],
  });
  const vols = await setUpVolumes(p, podDir, sources);
  assert.equal(await readFile(join(vols.get('cfg')!.hostPath, 'sub/c.txt'), 'utf8'), 'blue');
  assert.equal((await stat(join(vols.get('cfg')!.hostPath, 'sub/c.txt'))).mode & 0o777, 0o600);
  assert.equal(await readFile(join(vols.get('sec')!.hostPath, 'pw'), 'utf8'), 'hunter2');
  assert.equal((await stat(join(vols.get('sec')!.hostPath, 'pw'))).mode & 0o777, 0o644);
  const mounts = await containerMounts({
    name: 'app',
    volumeMounts: [
      { name: 'scratch', mountPath: '/scratch' },
      { name: 'cfg', mountPath: '/etc/cfg' },
      { name: 'host', mountPath: '/data', subPathExpr: '$(POD)', readOnly: true },
    ],
  }, vols, new Map([['POD', 'web']]), podDir);
  const bound = join(podDir, 'volume-subpaths/host/app/2');
  assert.deepEqual(mounts, [
    { hostPath: join(podDir, 'volumes/kubernetes.io~empty-dir/scratch'), containerPath: '/scratch', readOnly: false, type: 'bind' },
    { hostPath: join(podDir, 'volumes/kubernetes.io~configmap/cfg'), containerPath: '/etc/cfg', readOnly: true, type: 'bind' },
    { hostPath: bound, containerPath: '/data', readOnly: true, type: 'bind' },
  ]);
  // The subPath was created in the hostPath, and the runtime is given a bind of it.
  assert.ok((await stat(join(hp, 'web'))).isDirectory());
  await writeFile(join(hp, 'web', 'f'), 'through the bind');
  assert.equal(await readFile(join(bound, 'f'), 'utf8'), 'through the bind');
  await assert.rejects(containerMounts({ name: 'x', volumeMounts: [{ name: 'scratch', mountPath: '/s', subPath: '../etc' }] }, vols, new Map(), podDir), ContainerError);
  // Teardown unmounts the bind before deleting, so the hostPath's files survive it.
  await tearDownVolumes(podDir);
  assert.equal(await readFile(join(hp, 'web', 'f'), 'utf8'), 'through the bind');
  await rm(podDir, { recursive: true, force: true });
});

test('volumes: a missing configMap or a failed hostPath check is a FailedMount VolumeError', async () => {
  const podDir = await mkdtemp(join(tmpdir(), 'kubelet-pod-'));
  await assert.rejects(setUpVolumes(pod({ volumes: [{ name: 'v', configMap: { name: 'nope' } }] }), podDir, sources),
    (e: unknown) => e instanceof VolumeError && e.message === 'MountVolume.SetUp failed for volume "v" : configmap "nope" not found');
  await setUpVolumes(pod({ volumes: [{ name: 'v', configMap: { name: 'nope', optional: true } }] }), podDir, sources);
  await assert.rejects(setUpVolumes(pod({ volumes: [{ name: 'h', hostPath: { path: '/etc/hostname', type: 'Directory' } }] }), podDir, sources),
    { message: 'MountVolume.SetUp failed for volume "h" : hostPath type check failed: /etc/hostname is not a directory' });
  // Volumes are set up at once; of several that fail, the first in the spec is reported, whichever failed first.
  await assert.rejects(setUpVolumes(pod({ volumes: [{ name: 'cm', configMap: { name: 'nope' } }, { name: 'h', hostPath: { path: '/etc/hostname', type: 'Directory' } }] }), podDir, sources),
    { message: 'MountVolume.SetUp failed for volume "cm" : configmap "nope" not found' });
  await assert.rejects(setUpVolumes(pod({ volumes: [{ name: 'h', hostPath: { path: '/etc/hostname', type: 'Directory' } }, { name: 'cm', configMap: { name: 'nope' } }] }), podDir, sources),
    { message: 'MountVolume.SetUp failed for volume "h" : hostPath type check failed: /etc/hostname is not a directory' });
});

test('makeContainerConfig: argv, env, limits, labels, log path', () => {
  const p = pod();
  const cfg = makeContainerConfig(p, { name: 'app', args: ['-x'], resources: { limits: { memory: '128Mi', cpu: '500m' } } }, {
    image: { id: 'sha256:cfg', repoTags: ['docker.io/library/busybox:latest'], repoDigests: ['docker.io/library/busybox@sha256:m'], size: 1, config: { entrypoint: ['/bin/sh'], env: ['PATH=/bin'], workingDir: '/w', stopSignal: 'SIGQUIT' } },
    imageName: 'docker.io/library/busybox:latest',
    env: new Map([['A', '1']]),
    mounts: [],
    restartCount: 2,
    podLogDir: '/logs/default_web_uid-1',
    seccompRoot: '/data/seccomp',
  });
  assert.deepEqual(cfg, {
    name: 'app', imageRef: 'sha256:cfg', argv: ['/bin/sh', '-x'], env: ['PATH=/bin', 'A=1'], workingDir: '/w', mounts: [],
    memoryLimit: 134217728, cpuMillis: 500, cpuShares: 512, stopSignal: 'SIGQUIT', logPath: '/logs/default_web_uid-1/app/2.log',
    labels: {
      'io.kubernetes.pod.uid': 'uid-1', 'io.kubernetes.pod.name': 'web', 'io.kubernetes.pod.namespace': 'default', 'io.kubernetes.container.name': 'app',
      'io.kubernetes.container.restartCount': '2', 'io.berth.image.name': 'docker.io/library/busybox:latest', 'io.berth.image.id': 'docker.io/library/busybox@sha256:m',
    },
  });
});

test('volumes: downwardAPI and projected files in the atomic-writer layout (..data, a timestamped folder, per-name links), rewritten when labels change', async () => {
  const podDir = await mkdtemp(join(tmpdir(), 'kubelet-pod-'));
  const p = pod({
    containers: [{ name: 'app', resources: { limits: { memory: '64Mi' }, requests: { cpu: '250m' } } }],
    volumes: [
      { name: 'info', downwardAPI: { defaultMode: 0o400, items: [
        { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
        { path: 'meta/labels', fieldRef: { fieldPath: 'metadata.labels' }, mode: 0o644 },
        { path: 'tier', fieldRef: { fieldPath: "metadata.labels['tier']" } },
        { path: 'mem_mi', resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } },
        { path: 'cpu_m', resourceFieldRef: { containerName: 'app', resource: 'requests.cpu', divisor: '1m' } },
      ] } },
      { name: 'all', projected: { sources: [
        { configMap: { name: 'cfg' } },
        { secret: { name: 's', items: [{ key: 'pw', path: 'creds/pw' }] } },
        { configMap: { name: 'absent', optional: true } },
        { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
      ] } },
    ],
  }, { metadata: { name: 'web', namespace: 'default', uid: 'uid-1', labels: { app: 'w', tier: 'f' } } });
  const vols = await setUpVolumes(p, podDir, sources);
  const info = vols.get('info')!.hostPath;
  assert.equal(info, join(podDir, 'volumes/kubernetes.io~downward-api/info'));
  const read = (dir: string, f: string) => readFile(join(dir, f), 'utf8');
  assert.deepEqual(await Promise.all(['name', 'meta/labels', 'tier', 'mem_mi', 'cpu_m'].map((f) => read(info, f))), ['web', 'app="w"\ntier="f"', 'f', '64', '250']);
  assert.equal((await stat(join(info, 'name'))).mode & 0o777, 0o400);
  assert.equal((await stat(join(info, 'meta/labels'))).mode & 0o777, 0o644);
  const data = await readlink(join(info, '..data'));
  assert.match(data, /^\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\w+$/);
  assert.equal(await readlink(join(info, 'meta')), '..data/meta');
  assert.deepEqual((await readdir(info)).sort(), ['..data', data, 'cpu_m', 'mem_mi', 'meta', 'name', 'tier'].sort());
  // New labels: a new version swapped in under the same folder, the old version gone.
  p.metadata.labels = { app: 'w2' };
  assert.deepEqual(await refreshLiveVolumes(p, podDir, sources), []);
  assert.equal(await read(info, 'meta/labels'), 'app="w2"');
  assert.equal(await read(info, 'tier'), '');
  const swapped = await readlink(join(info, '..data'));
  assert.notEqual(swapped, data);
  assert.deepEqual((await readdir(info)).sort(), ['..data', swapped, 'cpu_m', 'mem_mi', 'meta', 'name', 'tier'].sort());
  const all = vols.get('all')!.hostPath;
  assert.deepEqual(await Promise.all(['color', 'creds/pw', 'ns'].map((f) => read(all, f))), ['blue', 'hunter2', 'default']);
  assert.equal(vols.get('all')!.readOnly, true);
  await assert.rejects(setUpVolumes(pod({ volumes: [{ name: 'v', projected: { sources: [{ secret: { name: 'nope' } }] } }] }), podDir, sources),
    { message: 'MountVolume.SetUp failed for volume "v" : secret "nope" not found' });
  await rm(podDir, { recursive: true, force: true });
});

test('volumes: a changed ConfigMap is swapped in, an unchanged one left alone, a deleted optional one emptied, a deleted required one kept with an error', async () => {
  const podDir = await mkdtemp(join(tmpdir(), 'kubelet-pod-'));
  const data: Record<string, Record<string, Buffer>> = { req: { a: Buffer.from('1') }, opt: { b: Buffer.from('2') } };
  const src: EnvSources = { ...sources, getConfigMap: async (n) => data[n] ?? null };
  const p = pod({ volumes: [
    { name: 'req', configMap: { name: 'req' } },
    { name: 'opt', configMap: { name: 'opt', optional: true, items: [{ key: 'b', path: 'b' }, { key: 'later', path: 'later' }] } },
  ] });
  const vols = await setUpVolumes(p, podDir, src);
  const [req, opt] = [vols.get('req')!.hostPath, vols.get('opt')!.hostPath];
  assert.deepEqual(await readdir(opt).then((n) => n.filter((x) => !x.startsWith('..'))), ['b'], 'an optional missing key is left out');
  const first = await readlink(join(req, '..data'));
  assert.deepEqual(await refreshLiveVolumes(p, podDir, src), []);
  assert.equal(await readlink(join(req, '..data')), first, 'same content: not rewritten');
  data.req = { a: Buffer.from('changed') };
  data.opt = { b: Buffer.from('2'), later: Buffer.from('3') };
  assert.deepEqual(await refreshLiveVolumes(p, podDir, src), []);
  assert.equal(await readFile(join(req, 'a'), 'utf8'), 'changed');
  assert.equal(await readFile(join(opt, 'later'), 'utf8'), '3');
  delete data.req;
  delete data.opt;
  const failed = await refreshLiveVolumes(p, podDir, src);
  assert.deepEqual(failed.map((e) => e.message), ['MountVolume.SetUp failed for volume "req" : configmap "req" not found']);
  assert.equal(await readFile(join(req, 'a'), 'utf8'), 'changed', 'a required object gone: the last content stays');
  assert.deepEqual(await readdir(opt).then((n) => n.filter((x) => !x.startsWith('..'))), [], 'an optional object gone: emptied');
  await rm(podDir, { recursive: true, force: true });
});

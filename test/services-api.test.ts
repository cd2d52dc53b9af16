// core/v1 Services, Endpoints and discovery.k8s.io/v1 EndpointSlices as a user meets them through the
// real kubectl against a real server (no kubelet: Pods get their IP and readiness from status writes,
// as a kubelet would send them): upstream's defaults, Tables and error messages, the ClusterIP and
// NodePort allocators under parallel creates, across a restart and when the range is full, and the
// endpoint controllers following the Pods a Service selects.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiFor } from './support/api.js';
import { kubectl } from './support/kubectl.js';
import { startServer } from './support/server.js';
import { withServer } from './support/suite.js';
import { until } from './support/wait.js';

const SVC = '/api/v1/namespaces/default/services';
const PODS = '/api/v1/namespaces/default/pods';
const EP = '/api/v1/namespaces/default/endpoints';
const SLICES = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices';
// Pods the scheduler leaves alone (no node would take them): their status is the test's alone to write.
const UNSCHEDULED = { schedulerName: 'test-only' };
const header = (s: string) => s.trimEnd().split('\n')[0]!.trim().split(/\s{2,}/);
const ipNumber = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const inDefaultRange = (ip: string) => ip.startsWith('10.43.') && ip !== '10.43.0.0' && ip !== '10.43.255.255';

function service(name: string, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } };
}

describe('Services, Endpoints and EndpointSlices', () => {
  const srv = withServer();
  const k = (args: string[], input?: string) => kubectl(srv.server.kubeconfig, args, input === undefined ? {} : { input });

  it('the kubernetes Service in default: 10.43.0.1:443 named https, its endpoints at the API server', async () => {
    const svc = await until('the kubernetes Service', async () => ((await srv.api.call('GET', `${SVC}/kubernetes`)).body.spec));
    assert.equal(svc.clusterIP, '10.43.0.1');
    assert.deepEqual(svc.ports, [{ name: 'https', port: 443, protocol: 'TCP', targetPort: Number(new URL(srv.server.url).port) }]);
    const ep = await until('its Endpoints', async () => (await srv.api.call('GET', `${EP}/kubernetes`)).body.subsets);
    assert.deepEqual(ep, [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port: Number(new URL(srv.server.url).port), protocol: 'TCP' }] }]);
    const slice = await until('its EndpointSlice', async () => (await srv.api.call('GET', `${SLICES}/kubernetes`)).body.endpoints);
    assert.deepEqual(slice, [{ addresses: ['127.0.0.1'], conditions: { ready: true } }]);
  });

  it('kubectl expose and create service store upstream defaults; get svc shows upstream columns', async () => {
    assert.equal((await k(['create', 'deployment', 'web', '--image=nginx', '--replicas=2'])).code, 0);
    const exposed = await k(['expose', 'deployment', 'web', '--port', '80']);
    assert.equal(exposed.code, 0, exposed.stderr);
    assert.equal(exposed.stdout.trim(), 'service/web exposed');
    const web = (await srv.api.call('GET', `${SVC}/web`)).body;
    assert.ok(inDefaultRange(web.spec.clusterIP), web.spec.clusterIP);
    assert.deepEqual(web.spec, {
      clusterIP: web.spec.clusterIP, clusterIPs: [web.spec.clusterIP], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'web' }, sessionAffinity: 'None', type: 'ClusterIP',
    });
    assert.deepEqual(web.status, { loadBalancer: {} });
    // kubectl create service sends protobuf.
    for (const args of [['clusterip', 'cip', '--tcp=5678:8080'], ['clusterip', 'hl', '--clusterip=None'], ['nodeport', 'np', '--tcp=80:8080'], ['externalname', 'ext', '--external-name=example.com']]) {
      const r = await k(['create', 'service', ...args]);
      assert.equal(r.code, 0, r.stderr);
    }
    const np = (await srv.api.call('GET', `${SVC}/np`)).body.spec;
    assert.equal(np.type, 'NodePort');
    assert.equal(np.externalTrafficPolicy, 'Cluster');
    assert.ok(np.ports[0].nodePort >= 30000 && np.ports[0].nodePort <= 32767, String(np.ports[0].nodePort));
    assert.equal((await srv.api.call('GET', `${SVC}/hl`)).body.spec.clusterIP, 'None');
    const ext = (await srv.api.call('GET', `${SVC}/ext`)).body.spec;
    assert.deepEqual([ext.type, ext.externalName, ext.clusterIP, ext.ipFamilies], ['ExternalName', 'example.com', undefined, undefined]);

    const get = await k(['get', 'svc']);
    assert.deepEqual(header(get.stdout), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    assert.match(get.stdout, new RegExp(`^web\\s+ClusterIP\\s+${web.spec.clusterIP.replace(/\./g, '\\.')}\\s+<none>\\s+80/TCP\\s+\\d+s$`, 'm'));
    assert.match(get.stdout, new RegExp(`^np\\s+NodePort\\s+\\S+\\s+<none>\\s+80:${np.ports[0].nodePort}/TCP\\s`, 'm'));
    assert.match(get.stdout, /^hl\s+ClusterIP\s+None\s+<none>\s+<none>\s/m);
    assert.match(get.stdout, /^ext\s+ExternalName\s+<none>\s+example\.com\s+<none>\s/m);
    const wide = await k(['get', 'svc', 'web', '-o', 'wide']);
    assert.deepEqual(header(wide.stdout), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    assert.match(wide.stdout, /\s+app=web$/m);
    const all = await k(['get', 'svc,ep,endpointslices']);
    assert.match(all.stdout, /^NAME\s+ENDPOINTS\s+AGE$/m);
    assert.match(all.stdout, /^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE$/m);
    assert.match((await k(['get', 'all'])).stdout, /^service\/web\s+ClusterIP/m);
  });

  it('refuses what upstream refuses, with its messages, and stores nothing', async () => {
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [service('b1', { clusterIP: '10.44.0.5' }), 422, /^Service "b1" is invalid: spec\.clusterIPs: Invalid value: \[\]string\{"10\.44\.0\.5"\}: failed to allocate IP 10\.44\.0\.5: the provided IP \(10\.44\.0\.5\) is not in the valid range\. The range of valid IPs is 10\.43\.0\.0\/16$/],
      [service('b2', { clusterIP: '10.43.0.1' }), 422, /spec\.clusterIPs: Invalid value: \[\]string\{"10\.43\.0\.1"\}: failed to allocate IP 10\.43\.0\.1: provided IP is already allocated$/],
      [service('b3', { ports: [{ port: 80 }, { port: 81 }] }), 422, /spec\.ports\[0\]\.name: Required value, spec\.ports\[1\]\.name: Required value/],
      [service('b4', { ports: [{ name: 'a', port: 80 }, { name: 'a', port: 81 }] }), 422, /spec\.ports\[1\]\.name: Duplicate value: "a"/],
      [service('b5', { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }), 422, /spec\.ports\[1\]: Duplicate value: core\.ServicePort\{Name:"", Protocol:"TCP", AppProtocol:\(\*string\)\(nil\), Port:80, TargetPort:intstr\.IntOrString\{Type:0, IntVal:0, StrVal:""\}, NodePort:0\}/],
      [service('b6', { selector: { 'bad key!': 'x' } }), 422, /spec\.selector: Invalid value: "bad key!": name part must consist of alphanumeric characters/],
      [service('b7', { type: 'ExternalName', ports: [] }), 422, /spec\.externalName: Required value/],
      [service('b8', { ports: [] }), 422, /spec\.ports: Required value/],
      [service('b9', { ports: [{ port: 70000 }] }), 422, /spec\.ports\[0\]\.port: Invalid value: 70000: must be between 1 and 65535, inclusive/],
      [service('b10', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }), 422, /spec\.ports\[0\]\.nodePort: Invalid value: 80: provided port is not in the valid range\. The range of valid ports is 30000-32767/],
      [service('b11', { ports: [{ port: 80, nodePort: 30080 }] }), 422, /spec\.ports\[0\]\.nodePort: Forbidden: may not be used when `type` is 'ClusterIP'/],
      [service('b12', { type: 'Balanced' }), 422, /spec\.type: Unsupported value: "Balanced": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"/],
      [service('b13', { clusterIP: 'None', type: 'NodePort' }), 422, /spec\.clusterIPs\[0\]: Invalid value: "None": may not be set to 'None' for NodePort services/],
      [service('1bad'), 422, /metadata\.name: Invalid value: "1bad": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character/],
      [service('b14', { ipFamilies: ['IPv6'] }), 422, /spec\.ipFamilies\[0\]: Invalid value: "IPv6": not configured on this cluster/],
      [service('b15', { ports: [{ name: 'x' }] }), 422, /spec\.ports\[0\]\.port: Invalid value: 0: must be between 1 and 65535, inclusive/],
      [service('web'), 409, /^services "web" already exists$/],
    ];
    for (const [body, code, want] of cases) {
      const r = await srv.api.call('POST', SVC, body);
      assert.equal(r.status, code, `${(body.metadata as { name: string }).name}: ${JSON.stringify(r.body)}`);
      assert.match(r.body.message, want);
    }
    const names = (await srv.api.call('GET', SVC)).body.items.map((s: { metadata: { name: string } }) => s.metadata.name);
    assert.deepEqual(names.filter((n: string) => n.startsWith('b') || n === '1bad'), []);
    // Through kubectl, as a user reads it.
    const r = await k(['create', 'service', 'clusterip', 'two', '--tcp=80:80,443,443']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error: failed to create ClusterIP service: Service "two" is invalid: \[spec\.ports\[2\]\.name: Duplicate value: "443", spec\.ports\[2\]: Duplicate value: core\.ServicePort/);
  });

  it('a cluster IP is fixed once set; an update that leaves it (and node ports) out keeps them', async () => {
    const before = (await srv.api.call('GET', `${SVC}/np`)).body;
    const moved = await srv.api.call('PATCH', `${SVC}/np`, { spec: { clusterIP: '10.43.7.7', clusterIPs: ['10.43.7.7'] } });
    assert.equal(moved.status, 422);
    assert.match(moved.body.message, /spec\.clusterIPs\[0\]: Invalid value: \[\]string\{"10\.43\.7\.7"\}: may not change once set/);
    // kubectl replace of a manifest without the allocated fields.
    const manifest = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'np', resourceVersion: before.metadata.resourceVersion }, spec: { type: 'NodePort', selector: { app: 'np' }, ports: [{ name: '80-8080', port: 80, targetPort: 8080 }] } };
    const r = await srv.api.call('PUT', `${SVC}/np`, manifest);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.spec.clusterIP, before.spec.clusterIP);
    assert.equal(r.body.spec.ports[0].nodePort, before.spec.ports[0].nodePort);
    // To ClusterIP: the node port goes with the type.
    const cip = await srv.api.call('PATCH', `${SVC}/np`, { spec: { type: 'ClusterIP' } });
    assert.equal(cip.status, 200, JSON.stringify(cip.body));
    assert.equal(cip.body.spec.ports[0].nodePort, undefined);
    assert.equal(cip.body.spec.externalTrafficPolicy, undefined);
  });

  it('50 parallel creates get 50 different addresses in range, never .1 or .10; a contested address goes to one', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => srv.api.call('POST', SVC, service(`par-${i}`, i % 2 ? { type: 'NodePort' } : {}))));
    assert.deepEqual(results.map((r) => r.status), Array(50).fill(201));
    const ips = results.map((r) => r.body.spec.clusterIP as string);
    assert.equal(new Set(ips).size, 50, 'no address twice');
    assert.ok(ips.every(inDefaultRange), ips.join(' '));
    assert.ok(!ips.includes('10.43.0.1') && !ips.includes('10.43.0.10'));
    const ports = results.filter((r) => r.body.spec.type === 'NodePort').map((r) => r.body.spec.ports[0].nodePort as number);
    assert.equal(new Set(ports).size, 25, 'no node port twice');
    const contested = await Promise.all(Array.from({ length: 10 }, (_, i) => srv.api.call('POST', SVC, service(`want-${i}`, { clusterIP: '10.43.200.200' }))));
    assert.equal(contested.filter((r) => r.status === 201).length, 1);
    assert.ok(contested.filter((r) => r.status === 422).every((r) => /provided IP is already allocated/.test(r.body.message)));
    const nodePorts = await Promise.all(Array.from({ length: 6 }, (_, i) => srv.api.call('POST', SVC, service(`wantport-${i}`, { type: 'NodePort', ports: [{ port: 80, nodePort: 31999 }] }))));
    assert.equal(nodePorts.filter((r) => r.status === 201).length, 1);
  });

  it('the allocators remember across a restart; a deleted Service frees its address and node port', async () => {
    const taken = (await srv.api.call('GET', `${SVC}/par-1`)).body.spec;
    srv.api.close();
    await srv.server.stop();
    srv.server = await startServer({ dataDir: srv.server.dataDir });
    srv.api = await apiFor(srv.server.kubeconfig);
    const again = await srv.api.call('POST', SVC, service('again', { type: 'NodePort', clusterIP: taken.clusterIP }));
    assert.equal(again.status, 422);
    assert.match(again.body.message, /provided IP is already allocated/);
    const port = await srv.api.call('POST', SVC, service('again', { type: 'NodePort', ports: [{ port: 80, nodePort: taken.ports[0].nodePort }] }));
    assert.equal(port.status, 422);
    assert.match(port.body.message, /spec\.ports\[0\]\.nodePort: Invalid value: \d+: provided port is already allocated/);
    assert.equal((await srv.api.call('DELETE', `${SVC}/par-1`)).status, 200);
    const reused = await srv.api.call('POST', SVC, service('again', { type: 'NodePort', clusterIP: taken.clusterIP, ports: [{ port: 80, nodePort: taken.ports[0].nodePort }] }));
    assert.equal(reused.status, 201, JSON.stringify(reused.body));
  });

  it('Endpoints and EndpointSlices follow the selected Pods: IPs, readiness, named ports per Pod, hostname', async () => {
    const pod = (name: string, port: number, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'back' } }, spec: { ...UNSCHEDULED, containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: port }] }], ...extra } });
    const running = (ip: string, ready: boolean) => ({ status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } });
    assert.equal((await srv.api.call('POST', SVC, service('back', { ports: [{ name: 'web', port: 80, targetPort: 'http' }] }))).status, 201);
    assert.equal((await srv.api.call('POST', PODS, pod('back-a', 8080))).status, 201);
    assert.equal((await srv.api.call('POST', PODS, pod('back-b', 9090, { hostname: 'b', subdomain: 'back' }))).status, 201);
    await srv.api.call('PATCH', `${PODS}/back-a/status`, running('10.88.1.1', true));
    await srv.api.call('PATCH', `${PODS}/back-b/status`, running('10.88.1.2', false));
    const ep = await until('Endpoints with both Pods', async () => {
      const subsets = (await srv.api.call('GET', `${EP}/back`)).body.subsets;
      return subsets?.length === 2 ? subsets : undefined;
    }, 60_000);
    assert.deepEqual(ep.map((s: any) => [s.addresses?.map((a: any) => a.ip), s.notReadyAddresses?.map((a: any) => [a.ip, a.hostname]), s.ports]), [
      [['10.88.1.1'], undefined, [{ name: 'web', port: 8080, protocol: 'TCP' }]],
      [undefined, [['10.88.1.2', 'b']], [{ name: 'web', port: 9090, protocol: 'TCP' }]],
    ]);
    const slices = (await srv.api.call('GET', `${SLICES}?labelSelector=kubernetes.io/service-name=back`)).body.items;
    assert.equal(slices.length, 2, 'one slice per port set');
    for (const s of slices) {
      assert.equal(s.metadata.labels['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
      assert.equal(s.metadata.ownerReferences[0].kind, 'Service');
    }
    const b = slices.flatMap((s: any) => s.endpoints).find((e: any) => e.addresses[0] === '10.88.1.2');
    assert.deepEqual({ conditions: b.conditions, hostname: b.hostname, ref: b.targetRef.name }, { conditions: { ready: false, serving: false, terminating: false }, hostname: 'b', ref: 'back-b' });
    // Readiness flips: the address moves between addresses and notReadyAddresses.
    await srv.api.call('PATCH', `${PODS}/back-a/status`, running('10.88.1.1', false));
    await until('back-a not ready', async () => (await srv.api.call('GET', `${EP}/back`)).body.subsets?.every((s: any) => !s.addresses));
    assert.match((await k(['get', 'ep', 'back'])).stdout, /^back\s+\s+\d+s$/m);
    // publishNotReadyAddresses lists every Pod as an address.
    await srv.api.call('PATCH', `${SVC}/back`, { spec: { publishNotReadyAddresses: true } });
    await until('all published', async () => (await srv.api.call('GET', `${EP}/back`)).body.subsets?.every((s: any) => s.addresses && !s.notReadyAddresses));
    // A Pod deleted leaves both.
    await srv.api.call('DELETE', `${PODS}/back-b?gracePeriodSeconds=0`);
    await until('back-b gone', async () => (await srv.api.call('GET', `${EP}/back`)).body.subsets?.length === 1);
    await until('its slice gone', async () => (await srv.api.call('GET', `${SLICES}?labelSelector=kubernetes.io/service-name=back`)).body.items.length === 1);
    // The Service deleted: its Endpoints and slices go.
    await srv.api.call('DELETE', `${SVC}/back`);
    await until('Endpoints gone', async () => (await srv.api.call('GET', `${EP}/back`)).status === 404);
    await until('slices gone', async () => (await srv.api.call('GET', `${SLICES}?labelSelector=kubernetes.io/service-name=back`)).body.items.length === 0);
  });

  it('more than 100 Pods are split over slices of at most 100; get ep shows three and how many more', async () => {
    assert.equal((await srv.api.call('POST', SVC, service('many'))).status, 201);
    const n = 105;
    await Promise.all(Array.from({ length: n }, async (_, i) => {
      const name = `many-${String(i).padStart(3, '0')}`;
      await srv.api.call('POST', PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'many' } }, spec: { ...UNSCHEDULED, containers: [{ name: 'c', image: 'nginx' }] } });
      const ip = `10.88.2.${i + 1}`;
      await srv.api.call('PATCH', `${PODS}/${name}/status`, { status: { phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: 'True' }] } });
    }));
    const slices = await until('slices holding every Pod', async () => {
      const items = (await srv.api.call('GET', `${SLICES}?labelSelector=kubernetes.io/service-name=many`)).body.items;
      return items.reduce((sum: number, s: any) => sum + (s.endpoints?.length ?? 0), 0) === n ? items : undefined;
    }, 60_000);
    assert.deepEqual(slices.map((s: any) => s.endpoints.length).sort((a: number, b: number) => a - b), [5, 100]);
    const ep = await until('Endpoints with every Pod', async () => ((await srv.api.call('GET', `${EP}/many`)).body.subsets?.[0]?.addresses?.length === n ? true : undefined));
    assert.ok(ep);
    const get = await k(['get', 'ep', 'many']);
    assert.match(get.stdout, /^many\s+10\.88\.2\.\d+:80,10\.88\.2\.\d+:80,10\.88\.2\.\d+:80 \+ 102 more\.\.\.\s+\d+s$/m);
    const gs = await k(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=many']);
    assert.match(gs.stdout, /^many-\S+\s+IPv4\s+80\s+10\.88\.2\.\d+,10\.88\.2\.\d+,10\.88\.2\.\d+ \+ 97 more\.\.\.\s+\d+s$/m);
  });

  it('kubectl apply --prune with the default allowlist is not stopped by Endpoints', async () => {
    // kubectl resolves every kind of its default allowlist first; Endpoints used to be the first it could
    // not find. Kinds later in the list (PersistentVolumeClaim) are other work's.
    const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: keep, labels: {set: pruned}}\n`;
    const r = await k(['apply', '-l', 'set=pruned', '--prune', '-f', '-'], yaml);
    assert.doesNotMatch(r.stderr, /Kind=Endpoints/);
    if (r.code !== 0) assert.match(r.stderr, /error retrieving RESTMappings to prune: invalid resource \S+, Kind=(?!Endpoints)/);
  });
});

describe('a full Service range', () => {
  const srv = withServer({ args: ['--service-cidr', '10.96.0.0/29'] });

  it('hands out the 5 free addresses of a /29 (the first is the kubernetes Service\'s), then refuses as upstream', async () => {
    await until('the kubernetes Service', async () => (await srv.api.call('GET', `${SVC}/kubernetes`)).body.spec?.clusterIP === '10.96.0.1');
    const made = await Promise.all(Array.from({ length: 5 }, (_, i) => srv.api.call('POST', SVC, service(`s${i}`))));
    assert.deepEqual(made.map((r) => r.status), [201, 201, 201, 201, 201]);
    assert.deepEqual(made.map((r) => ipNumber(r.body.spec.clusterIP) - ipNumber('10.96.0.0')).sort(), [2, 3, 4, 5, 6]);
    const full = await srv.api.call('POST', SVC, service('s5'));
    assert.equal(full.status, 500);
    assert.equal(full.body.message, 'Internal error occurred: failed to allocate a serviceIP: range is full');
    assert.equal((await srv.api.call('GET', `${SVC}/s5`)).status, 404);
    // A headless Service needs no address.
    assert.equal((await srv.api.call('POST', SVC, service('s6', { clusterIP: 'None' }))).status, 201);
  });
});

// Random requests at a real `berth server` for ~15 s from a seeded PRNG: garbage and hostile bodies,
// wrong types in every field of a Pod, odd headers, paths and query strings. The server must never
// answer 5xx, every error must be a JSON Status whose code matches the HTTP status, it must stay up,
// and no rejected request may leave an object behind. Rerun one case with FUZZ_SEED=<seed>.
import assert from 'node:assert/strict';
import { Agent, request } from 'node:https';
import { after, before, it } from 'node:test';
import { loadKubeconfig } from '../src/client/kubeconfig.js';
import { apiFor, pod } from './support/api.js';
import { startServer } from './support/server.js';
import { prng } from './support/prng.js';
import { until } from './support/wait.js';
const DURATION_MS = Number(process.env.FUZZ_MS ?? 15_000);
const WORKERS = 4;
// CI replays a fixed seed so a landing never depends on luck; anywhere else each run explores a new one.
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI ? 1621507915 : (Math.random() * 2 ** 32) >>> 0;
let server;
let api;
let agent;
let base;
before(async () => {
    server = await startServer();
    api = await apiFor(server.kubeconfig);
    const cfg = await loadKubeconfig(server.kubeconfig);
    base = new URL(cfg.server);
    agent = new Agent({ ca: cfg.ca, cert: cfg.cert, key: cfg.key, keepAlive: true, maxSockets: WORKERS * 2 });
    // The server's own objects (each namespace's kube-root-ca.crt) are in place before the snapshot, so none is taken for the fuzz's.
    await until('every namespace has its kube-root-ca.crt', async () => {
        const [ns, cms] = await Promise.all([api.call('GET', '/api/v1/namespaces'), api.call('GET', '/api/v1/configmaps?fieldSelector=metadata.name%3Dkube-root-ca.crt')]);
        return cms.body.items.length === ns.body.items.length;
    });
});
after(async () => {
    agent?.destroy();
    api?.close();
    await server?.dispose();
});
function send(req) {
    return new Promise((resolve, reject) => {
        const headers = { ...req.headers };
        if (req.body)
            headers['content-length'] = String(req.body.length);
        const r = request({ host: base.hostname, port: base.port, method: req.method, path: req.path, headers, agent }, (res) => {
            const chunks = [];
            let size = 0;
            const done = (streaming) => {
                clearTimeout(timer);
                resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), streaming });
            };
            // A watch never ends by itself: take what came in the first moments and hang up.
            const timer = setTimeout(() => {
                done(true);
                r.destroy();
            }, 1500);
            res.on('data', (c) => {
                size += c.length;
                if (size < 8 << 20)
                    chunks.push(c);
            });
            res.on('end', () => done(false));
            res.on('error', () => done(true));
        });
        r.on('error', reject);
        r.end(req.body);
    });
}
// ---- generators -------------------------------------------------------------------------------
const NS = ['default', 'kube-system', 'fuzz-missing', 'DEFAULT', '', '..', '%2e%2e', 'a'.repeat(300), 'ns%2Fx', '%00', 'ñ', '%E0%A4%A', '%', '%zz'];
const RESOURCES = ['pods', 'nodes', 'namespaces', 'configmaps', 'secrets', 'events', 'serviceaccounts', 'bindings', 'leases', 'pod', 'Pods', 'deployments', '%70ods'];
const SUBS = ['status', 'binding', 'eviction', 'log', 'exec', 'portforward', 'finalize', 'scale', 'ephemeralcontainers', 'proxy', '', '%', 'status/extra'];
const GROUPS = ['/api/v1', '/apis/coordination.k8s.io/v1', '/apis/events.k8s.io/v1', '/apis/apps/v1', '/api/v2', '/apis/coordination.k8s.io', '/api', '/apis'];
const CONTENT_TYPES = [
    'application/json',
    'application/json; charset=utf-8',
    'application/yaml',
    'application/merge-patch+json',
    'application/strategic-merge-patch+json',
    'application/json-patch+json',
    'application/apply-patch+yaml',
    'application/vnd.kubernetes.protobuf',
    'text/plain',
    'multipart/form-data; boundary=x',
    '',
    ';;;',
    'application/x-yaml',
    'APPLICATION/JSON',
    'application/json; charset=utf-16',
];
const ACCEPTS = [
    'application/json',
    'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    'application/json;as=Table;v=v1beta1;g=meta.k8s.io',
    'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io',
    'application/vnd.kubernetes.protobuf',
    'application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io',
    '*/*',
    'text/html',
    'application/yaml',
    '',
    ',,,;=',
    'application/json;as=Table;g=meta.k8s.io;v=v1;includeObject=Object',
];
const QUERY_VALUES = ['', '0', '1', '-1', 'abc', '1.5', '1e3', '99999999999999999999', '9007199254740993', 'true', 'false', '%', '%00', 'a'.repeat(2000), '\u00ff', '[]', '{}', ' 5 ', '0x10'];
const QUERY_KEYS = [
    'resourceVersion',
    'resourceVersionMatch',
    'limit',
    'continue',
    'labelSelector',
    'fieldSelector',
    'watch',
    'timeoutSeconds',
    'allowWatchBookmarks',
    'sendInitialEvents',
    'dryRun',
    'fieldValidation',
    'fieldManager',
    'force',
    'gracePeriodSeconds',
    'propagationPolicy',
    'includeObject',
    'pretty',
    'follow',
    'container',
];
const SELECTORS = [
    'app=web', 'app!=web', 'app in (web,db)', 'app notin (web)', '!app', 'app', 'app==', '=web', 'app in (', 'in in (in)', 'a,b,,c', 'x=' + 'y'.repeat(70),
    'metadata.name=a', 'metadata.namespace!=default', 'spec.nodeName=', 'status.phase=Running', 'spec.bogus=1', 'metadata.name', 'metadata.name==a,metadata.name!=b', '\u0000=1', 'a=(b)',
];
function encodeQ(r, v) {
    return r.chance(0.8) ? encodeURIComponent(v) : v.replace(/[ #]/g, '+');
}
function randomQuery(r, n) {
    const parts = [];
    for (let i = 0; i < n; i++) {
        const k = r.chance(0.9) ? r.pick(QUERY_KEYS) : r.pick(['', '%', 'a'.repeat(100), 'x[]', '__proto__']);
        let v = r.pick(QUERY_VALUES);
        if (k === 'labelSelector' || k === 'fieldSelector')
            v = r.pick(SELECTORS);
        if (k === 'continue' && r.chance(0.5))
            v = Buffer.from(r.pick(['{"rv":1,"start":"/x"}', '{"rv":"x"}', 'null', '[]', '{"rv":-1,"start":""}', '{"rv":1e400,"start":1}'])).toString('base64url');
        if (k === 'watch' && r.chance(0.6))
            v = r.pick(['true', '1']);
        if (k === 'timeoutSeconds' && r.chance(0.6))
            v = r.pick(['1', '0', '-1', '1e9', '99999999999999999999']);
        if (k === 'dryRun' && r.chance(0.5))
            v = 'All';
        if (k === 'fieldValidation' && r.chance(0.5))
            v = r.pick(['Strict', 'Warn', 'Ignore']);
        parts.push(r.chance(0.1) ? k : `${k}=${encodeQ(r, v)}`);
    }
    return parts.length ? `?${parts.join('&')}` : '';
}
function randomPath(r) {
    const g = r.pick(GROUPS);
    const res = r.pick(RESOURCES);
    const name = r.pick(['fz-base', 'fz-missing', 'a', '', '-bad-', 'A', 'x'.repeat(300), '%', '%E0%A4%A', '..', '.', 'a%2Fb', 'ünï', '%00', '%25']);
    const shape = r.int(6);
    if (shape === 0)
        return `${g}/${res}`;
    if (shape === 1)
        return `${g}/namespaces/${r.pick(NS)}/${res}`;
    if (shape === 2)
        return `${g}/namespaces/${r.pick(NS)}/${res}/${name}`;
    if (shape === 3)
        return `${g}/namespaces/${r.pick(NS)}/${res}/${name}/${r.pick(SUBS)}`;
    if (shape === 4)
        return `${g}/${res}/${name}${r.chance(0.5) ? `/${r.pick(SUBS)}` : ''}`;
    return r.pick(['/', '//', '/api/v1/', '/apis/', '/openapi/v2', '/openapi/v3', '/openapi/v3/api/v1', '/openapi/v3/%', '/version', '/readyz/x', '/livez', '/metrics', '/api/v1/namespaces', '/api/v1/namespaces/default', '/api/v1/namespaces/default/status', '/api/v1/namespaces/default/finalize', '/%', '/api/%ZZ', '/api/v1/namespaces/%/pods', '/' + 'a/'.repeat(500), '/api/v1/pods/../../version', '/api/v1/./pods']);
}
const VALID_POD = () => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'fz', namespace: 'default', labels: { app: 'web' }, annotations: { a: 'b' }, finalizers: [], ownerReferences: [], generateName: 'fz-' },
    spec: {
        containers: [
            {
                name: 'c',
                image: 'busybox',
                command: ['sh', '-c', 'true'],
                args: ['x'],
                env: [{ name: 'A', value: 'b' }, { name: 'F', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
                ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }],
                resources: { limits: { cpu: '1', memory: '64Mi' }, requests: { cpu: '100m' } },
                volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true }],
                livenessProbe: { exec: { command: ['true'] }, periodSeconds: 5 },
                readinessProbe: { httpGet: { path: '/', port: 80 } },
                lifecycle: { preStop: { exec: { command: ['true'] } } },
                securityContext: { runAsUser: 1000, privileged: false, capabilities: { add: ['NET_ADMIN'] } },
                imagePullPolicy: 'IfNotPresent',
                workingDir: '/',
                tty: false,
            },
        ],
        initContainers: [{ name: 'i', image: 'busybox' }],
        volumes: [{ name: 'v', emptyDir: {} }, { name: 'h', hostPath: { path: '/tmp', type: 'Directory' } }, { name: 'cm', configMap: { name: 'x', items: [{ key: 'k', path: 'p' }] } }],
        restartPolicy: 'Never',
        nodeSelector: { a: 'b' },
        nodeName: '',
        terminationGracePeriodSeconds: 30,
        activeDeadlineSeconds: 100,
        hostNetwork: false,
        dnsPolicy: 'ClusterFirst',
        tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }] }] } } },
        securityContext: { runAsNonRoot: false, fsGroup: 1 },
        priority: 0,
        hostname: 'h',
        subdomain: 's',
    },
    status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] },
});
function randomScalar(r) {
    return r.pick([
        null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2, '', 'x', '-1', '1e400', 'a'.repeat(r.int(2) ? 70 : 5000), [], {}, [null], [1, 'x'], { '': 1 }, { __proto__: 1 }, { constructor: 'x' },
        '\u0000', '\ud800', 'ünïcödé', '$(env)', '../../etc/passwd', ['a', ['b', ['c']]], { a: { b: { c: {} } } },
    ]);
}
function sameTypeValue(r, like) {
    if (typeof like === 'string')
        return r.pick(['', ' ', '-', 'A', 'a'.repeat(254), 'a'.repeat(70000), '../x', '/', 'x/y', '\u0000', 'ünï', '1e3', '-1', 'Always', 'TCP', '*', 'a=b', '${x}', '$(x)']);
    if (typeof like === 'number')
        return r.pick([0, -1, 1, 65536, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]);
    if (typeof like === 'boolean')
        return !like;
    if (Array.isArray(like))
        return r.pick([[], [...like, ...like], like.slice(0, 1), Array(200).fill(like[0] ?? 'x')]);
    if (like && typeof like === 'object')
        return r.pick([{}, { ...like, extra: 'x' }, Object.fromEntries(Object.keys(like).map((k) => [k, 'x']))]);
    return null;
}
/** Every path into a JSON value, so each field of the pod gets its turn at a wrong type. */
function paths(v, at = []) {
    const out = [at];
    if (Array.isArray(v))
        v.forEach((x, i) => out.push(...paths(x, [...at, i])));
    else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v))
            out.push(...paths(x, [...at, k]));
    return out;
}
const POD_PATHS = paths(VALID_POD()).filter((p) => p.length > 0);
function setPath(obj, path, value) {
    let o = obj;
    for (const k of path.slice(0, -1))
        o = o[k];
    o[path[path.length - 1]] = value;
}
function deepJson(r) {
    const n = r.pick([100, 450, 990, 1000, 10_000, 100_000, 500_000]);
    const inner = r.pick([() => '['.repeat(n) + ']'.repeat(n), () => '{"a":'.repeat(n) + '1' + '}'.repeat(n), () => '[{"x":'.repeat(n) + '1' + '}]'.repeat(n)])();
    // Deep in a field of an otherwise good pod, or as the whole body.
    const where = r.pick(['body', 'labels', 'spec', 'annotations', 'containers', 'metadata']);
    if (where === 'body')
        return inner;
    if (where === 'labels')
        return `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"fz-deep","labels":${inner}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}`;
    if (where === 'annotations')
        return `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"fz-deep","annotations":{"a":${inner}}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}`;
    if (where === 'containers')
        return `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"fz-deep"},"spec":{"containers":[{"name":"c","image":"busybox","env":${inner}}]}}`;
    if (where === 'metadata')
        return `{"apiVersion":"v1","kind":"Pod","metadata":${inner},"spec":{"containers":[{"name":"c","image":"busybox"}]}}`;
    return `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"fz-deep"},"spec":${inner}}`;
}
function yamlBomb(r) {
    const width = r.pick([3, 9, 20]);
    const depth = r.pick([3, 6, 9]);
    let doc = `a0: &a0 [${Array(width).fill('"lol"').join(', ')}]\n`;
    for (let i = 1; i <= depth; i++)
        doc += `a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]\n`;
    return r.pick([
        () => doc,
        () => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: fz-yaml\n  x: &x [${Array(width).fill('"lol"').join(',')}]\n  labels: {a: *x}\nspec:\n  containers: [{name: c, image: busybox}]\n  ${doc.replace(/\n/g, '\n  ')}`,
        () => `&a [*a]`,
        () => `a: !!binary gIGC\nb: !!js/function "function(){}"\nc: !!set {a, b}\nd: 0x1F\ne: .inf\nf: 2001-12-14t21:59:43.10-05:00`,
        () => `---\na: 1\n---\nb: 2\n`,
        () => `apiVersion: v1\nkind: Pod\nmetadata: {name: fz-yaml2}\nspec: {containers: [{name: c, image: busybox}]}\nspec: {}`,
        () => '['.repeat(r.pick([100, 5000])),
        () => `? [a, b]\n: c\n{a: 1}: 2`,
        () => `a: ${'&x '.repeat(50)} 1`,
    ])();
}
function randomBody(r) {
    const k = r.int(11);
    if (k === 0) {
        const n = r.pick([0, 1, 10, 1000, 100_000]);
        const b = Buffer.alloc(n);
        for (let i = 0; i < n; i++)
            b[i] = r.int(256);
        return { body: b, kind: 'bytes' };
    }
    if (k === 1)
        return { body: Buffer.from(deepJson(r)), kind: 'deep-json' };
    if (k === 2 || k === 3 || k === 4) {
        const p = VALID_POD();
        const path = r.pick(POD_PATHS);
        // Half the time a value of the right JSON type but a hostile content, so it reaches defaults and validation.
        setPath(p, path, r.chance(0.5) ? sameTypeValue(r, path.reduce((o, k) => o?.[k], VALID_POD())) : randomScalar(r));
        p.metadata ??= {};
        return { body: Buffer.from(JSON.stringify(p)), kind: `wrong-type ${path.join('.')}` };
    }
    if (k === 5) {
        const p = VALID_POD();
        const big = 'x'.repeat(r.pick([1000, 100_000, 1_000_000, 3_200_000]));
        const path = r.pick([['metadata', 'name'], ['metadata', 'labels', 'app'], ['metadata', 'annotations', 'a'], ['spec', 'containers', 0, 'image'], ['spec', 'containers', 0, 'args', 0], ['metadata', 'labels', big.slice(0, 300)]]);
        setPath(p, path, big);
        return { body: Buffer.from(JSON.stringify(p)), kind: `huge ${path.join('.').slice(0, 40)} ${big.length}` };
    }
    if (k === 6)
        return { body: Buffer.from(yamlBomb(r)), kind: 'yaml' };
    if (k === 7) {
        const text = r.pick(['', ' ', 'null', '1', '"x"', '[]', 'true', '{', '{"a":1,"a":2}', '{"metadata":null}', '{"metadata":[]}', '{"metadata":"x"}', '{"apiVersion":1}', '{"kind":[]}', '{"apiVersion":"v1","kind":"Pod"}',
            '{"__proto__":{"polluted":1},"metadata":{"name":"fz-proto"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}', '{"metadata":{"name":"fz-c","labels":{"__proto__":"x","constructor":"y"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}',
            '[{"op":"replace","path":"/spec","value":1}]', '[{"op":"move","from":"/metadata","path":"/metadata/x"}]', '[{"op":"add","path":"/metadata/labels/~2","value":"x"}]', '[{"op":"test"}]', '[{"op":"remove","path":"/metadata/name"}]', '[{"op":"copy","from":"/spec","path":"/spec/containers/-"}]', '[{"op":"add","path":"/metadata/labels/a/b/c","value":1}]', '[null]', '[1]',
            '{"spec":{"containers":[{"$patch":"delete"}]}}', '{"$patch":"replace"}', '{"spec":{"$setElementOrder/containers":[{"name":1}]}}', '{"metadata":{"$deleteFromPrimitiveList/finalizers":"x"}}', '{"spec":{"containers":null}}', '{"metadata":{"name":null}}', '{"metadata":{"resourceVersion":"abc"}}', '{"metadata":{"uid":1}}']);
        return { body: Buffer.from(text), kind: 'crafted' };
    }
    if (k === 8) {
        // Valid-looking objects of every kind, some fine and some not.
        const obj = r.pick([
            pod(`fz-ok-${r.int(1e9)}`),
            { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `fz-cm-${r.int(1e6)}` }, data: { a: 'b' }, binaryData: { x: 'not base64!' } },
            { apiVersion: 'v1', kind: 'Secret', metadata: { name: `fz-s-${r.int(1e6)}` }, data: { a: '%%%' } },
            { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `fz-ns-${r.int(1e6)}` } },
            { apiVersion: 'v1', kind: 'Node', metadata: { name: `fz-node-${r.int(1e6)}` }, spec: { taints: [{ key: 'k', effect: 'Bogus' }] } },
            { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'fz-base' }, target: { kind: 'Node', name: r.pick(['', 'n1', 1]) } },
            { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'fz-base' }, deleteOptions: { gracePeriodSeconds: r.pick([0, -1, 'x', 1.5, null]) } },
            { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: r.pick([0, -1, 'x', 1.5, null, 1e20]), preconditions: r.pick([null, 'x', { uid: 1 }, { resourceVersion: [] }]), propagationPolicy: r.pick(['Foreground', 'x', 1]) },
            { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: `fz-l-${r.int(1e6)}` }, spec: { holderIdentity: 1, leaseDurationSeconds: 'x', renewTime: 'yesterday' } },
            { apiVersion: 'v1', kind: 'Event', metadata: { name: `fz-e-${r.int(1e6)}` }, involvedObject: 'x', count: 'many' },
        ]);
        if (r.chance(0.5)) {
            const ps = paths(obj).filter((p) => p.length > 0);
            setPath(obj, r.pick(ps), randomScalar(r));
        }
        return { body: Buffer.from(r.chance(0.8) ? JSON.stringify(obj) : JSON.stringify(obj).slice(0, r.int(50))), kind: `object ${String(obj.kind)}` };
    }
    if (k === 9)
        return { body: Buffer.from('\ufeff' + JSON.stringify(pod('fz-bom'))), kind: 'bom' };
    return { body: Buffer.from(JSON.stringify(pod(`fz-${r.int(1e9)}`, { metadata: r.pick([{ name: `fz-${r.int(1e9)}`, resourceVersion: '5' }, { generateName: r.pick(['fz-', '-', 'X', 'a'.repeat(300)]) }, { name: 'fz-base', uid: 'x' }, {}]) }))), kind: 'meta' };
}
function randomRequest(r) {
    const method = r.pick(['GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'PUT', 'PATCH', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND']);
    const toPod = r.chance(0.6);
    const podPath = () => {
        // Mostly where the method means something, so bodies get past routing.
        if (method === 'POST' && r.chance(0.7))
            return '/api/v1/namespaces/default/pods';
        if ((method === 'PUT' || method === 'PATCH') && r.chance(0.7))
            return r.pick(['/api/v1/namespaces/default/pods/fz-base', '/api/v1/namespaces/default/pods/fz-base/status']);
        return '';
    };
    let path = (toPod && podPath()) || (toPod ? r.pick(['/api/v1/namespaces/default/pods', '/api/v1/namespaces/default/pods/fz-base', '/api/v1/namespaces/default/pods/fz-base/status', '/api/v1/namespaces/default/pods/fz-base/binding', '/api/v1/namespaces/default/pods/fz-base/eviction']) : randomPath(r));
    if (r.chance(0.6))
        path += randomQuery(r, 1 + r.int(4));
    // Deleting the namespace everything else is aimed at would only make the rest of the run 404s.
    if (method === 'DELETE' && /^\/api\/v1\/namespaces\/(default|kube-system)\/?(\?|$)/.test(path))
        return randomRequest(r);
    const headers = {};
    if (r.chance(0.9))
        headers['content-type'] = method === 'PATCH' && r.chance(0.6) ? r.pick(CONTENT_TYPES.slice(3, 7)) : r.pick(CONTENT_TYPES);
    if (r.chance(0.7))
        headers.accept = r.pick(ACCEPTS);
    if (r.chance(0.05))
        headers['accept-encoding'] = 'gzip';
    if (r.chance(0.05))
        headers['x-forwarded-for'] = '::1';
    let body;
    let kind = 'none';
    if (method !== 'GET' && method !== 'HEAD' && r.chance(0.9))
        ({ body, kind } = randomBody(r));
    else if (r.chance(0.05))
        ({ body, kind } = randomBody(r));
    return { method, path, headers, body, what: `${method} ${path.slice(0, 200)} [${headers['content-type'] ?? '-'} | ${headers.accept ?? '-'}] body=${kind}` };
}
const LISTED = ['/api/v1/pods', '/api/v1/namespaces', '/api/v1/configmaps', '/api/v1/secrets', '/api/v1/nodes', '/api/v1/events', '/api/v1/serviceaccounts', '/apis/coordination.k8s.io/v1/leases'];
async function snapshot() {
    const keys = new Set();
    for (const p of LISTED) {
        const l = await api.call('GET', p);
        assert.equal(l.status, 200, `list ${p}: ${JSON.stringify(l.body)}`);
        for (const o of l.body.items)
            keys.add(`${p} ${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    }
    return { keys };
}
it(`survives ${DURATION_MS / 1000} s of random requests (seed ${seed}; rerun with FUZZ_SEED=${seed})`, { timeout: DURATION_MS + 60_000 }, async () => {
    const created = await api.call('POST', '/api/v1/namespaces/default/pods', pod('fz-base'));
    assert.equal(created.status, 201);
    const before = await snapshot();
    const accepted = [];
    const failures = [];
    const stats = new Map();
    const deadline = Date.now() + DURATION_MS;
    let total = 0;
    const slow = [];
    const check = (req, res) => {
        stats.set(res.status, (stats.get(res.status) ?? 0) + 1);
        const fail = (why) => {
            if (failures.length < 20)
                failures.push(`${why}\n    request: ${req.what}\n    answer: ${res.status} ${res.body.toString('utf8', 0, 300)}`);
        };
        let status;
        if (res.status >= 400 && req.method !== 'HEAD') {
            try {
                status = JSON.parse(res.body.toString('utf8'));
            }
            catch {
                return fail(`error ${res.status} is not JSON`);
            }
            if (!/^application\/json/.test(String(res.headers['content-type'])))
                fail(`error ${res.status} has content-type ${res.headers['content-type']}`);
            if (status?.kind !== 'Status' || status.apiVersion !== 'v1' || status.status !== 'Failure')
                return fail(`error ${res.status} is not a Status`);
            if (status.code !== res.status)
                fail(`Status code ${status.code} does not match HTTP ${res.status}`);
            if (typeof status.reason !== 'string' || typeof status.message !== 'string')
                fail('Status without reason or message');
        }
        // kube-apiserver answers a list at a future resourceVersion with 504 Timeout ("Too large resource version").
        const tooLarge = res.status === 504 && status?.reason === 'Timeout' && /^Too large resource version/.test(status.message);
        if (res.status >= 500 && !tooLarge)
            fail(`server error ${res.status}`);
        if (res.status === 0)
            fail('no status');
        if (res.status < 300 && ['POST', 'PUT', 'PATCH'].includes(req.method)) {
            let name = '';
            try {
                name = JSON.parse(res.body.toString('utf8'))?.metadata?.name ?? '';
            }
            catch {
                // not an object
            }
            accepted.push(name);
        }
    };
    const worker = async (w) => {
        const r = prng(seed + w * 7919);
        while (Date.now() < deadline && failures.length < 20) {
            const req = randomRequest(r);
            total++;
            let res;
            const t0 = Date.now();
            try {
                res = await send(req);
                slow.push([Date.now() - t0, `${req.what} → ${res.status}${res.streaming ? ' (streaming)' : ''}`]);
                slow.sort((a, b) => b[0] - a[0]).splice(5);
            }
            catch (e) {
                // Node's client refuses to send some of what we generate (a raw NUL in the path): not the server's doing.
                if (e.code === 'ERR_UNESCAPED_CHARACTERS')
                    continue;
                // A server may answer (413, or 400 for a request line it cannot parse) and close before a client
                // has finished writing its body; the client then sees its write reset. That is HTTP, not a crash:
                // the readyz probe below and the exit check prove the server is still there.
                const code = e.code;
                if ((code === 'ECONNRESET' || code === 'EPIPE') && /body=(huge|deep)|[^\x20-\x7e]/.test(req.what))
                    continue;
                failures.push(`request failed: ${e.message}\n    request: ${req.what}`);
                // Is the server still there?
                if (server.process.exitCode !== null || server.process.signalCode !== null)
                    break;
                continue;
            }
            check(req, res);
        }
    };
    const watchdog = (async () => {
        while (Date.now() < deadline && failures.length < 20) {
            await new Promise((r) => setTimeout(r, 1000));
            const h = await api.call('GET', '/readyz').catch((e) => ({ status: 0, body: e.message }));
            if (h.status !== 200)
                failures.push(`readyz answered ${h.status}: ${String(h.body)}`);
        }
    })();
    await Promise.all([...Array.from({ length: WORKERS }, (_, w) => worker(w)), watchdog]);
    const summary = `${total} requests; statuses ${JSON.stringify(Object.fromEntries([...stats].sort((a, b) => a[0] - b[0])))}; seed ${seed}; slowest:\n${slow.map(([ms, w]) => `  ${ms} ms ${w.slice(0, 300)}`).join('\n')}\n`;
    assert.equal(server.process.exitCode, null, `the server exited: ${server.logs().slice(-2000)}`);
    assert.deepEqual(failures, [], summary);
    assert.ok(total > 200, `only ${total} requests in ${DURATION_MS} ms`);
    assert.doesNotMatch(server.logs(), /internal error|uncaught|unhandled/i, 'the server logged an internal error');
    const ready = await api.call('GET', '/readyz');
    assert.equal(ready.status, 200);
    // No object appeared that no accepted request could have made: everything new has a 2xx write behind it.
    const now = await snapshot();
    const appeared = [...now.keys].filter((k) => !before.keys.has(k));
    const acceptedNames = new Set(accepted);
    for (const k of appeared) {
        // Events are the server's own (the scheduler reports on the pods it cannot place).
        if (k.startsWith('/api/v1/events '))
            continue;
        const name = k.split('/').pop();
        assert.ok(acceptedNames.has(name), `${k} exists but no request that would create it was accepted (${summary})`);
    }
    // The server still does ordinary work.
    const p = await api.call('POST', '/api/v1/namespaces/default/pods', pod('fz-after'));
    assert.equal(p.status, 201);
    console.log(`# fuzz: ${summary}; ${appeared.length} objects created by ${accepted.length} accepted writes`);
});
//# sourceMappingURL=apiserver-fuzz.test.js.map
// Request bodies in Kubernetes protobuf: kubectl's `create namespace|configmap|secret|serviceaccount`
// send them (Content-Type application/vnd.kubernetes.protobuf), and berth decodes them. Plus the
// decoder on bodies encoded here by hand, wire field by wire field.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import protobuf from 'protobufjs';
import { ApiError } from '../src/api/errors.js';
import { decodeObject } from '../src/apiserver/http/body.js';
import { decodeProtobufObject, PROTOBUF_MAGIC, PROTOBUF_MEDIA_TYPE } from '../src/apiserver/http/protobuf.js';
import { kubectl } from './support/kubectl.js';
import { KUBECTL_VERSIONS } from './support/kubectl-versions.js';
import { startServer } from './support/server.js';
const str = (w, field, v) => w.uint32((field << 3) | 2).string(v);
const bytes = (w, field, v) => w.uint32((field << 3) | 2).bytes(v);
const varint = (w, field, v) => w.uint32(field << 3).int64(v);
const msg = (w, field, build) => {
    const inner = protobuf.Writer.create();
    build(inner);
    return bytes(w, field, inner.finish());
};
const mapEntry = (w, field, key, value) => msg(w, field, (e) => {
    str(e, 1, key);
    if (typeof value === 'string')
        str(e, 2, value);
    else
        bytes(e, 2, value);
});
/** `k8s\0` + runtime.Unknown{typeMeta, raw, contentEncoding: "", contentType: ""}, as Go writes it. */
function envelope(apiVersion, kind, raw) {
    const w = protobuf.Writer.create();
    msg(w, 1, (tm) => {
        str(tm, 1, apiVersion);
        str(tm, 2, kind);
    });
    bytes(w, 2, raw);
    str(w, 3, '');
    str(w, 4, '');
    return Buffer.concat([PROTOBUF_MAGIC, w.finish()]);
}
/** ObjectMeta the way Go's generated code writes it: every non-pointer string, even empty. */
function objectMeta(w, name, extra = () => { }) {
    msg(w, 1, (m) => {
        str(m, 1, name);
        str(m, 2, '');
        str(m, 3, '');
        str(m, 4, '');
        str(m, 5, '');
        str(m, 6, '');
        varint(m, 7, 0);
        bytes(m, 8, new Uint8Array(0)); // the zero creationTimestamp
        extra(m);
    });
}
describe('decoding protobuf request bodies', () => {
    it('decodes a Secret: bytes as base64, strings, pointer bools, labels, and drops Go\'s empty defaults', () => {
        const raw = protobuf.Writer.create();
        objectMeta(raw, 's1', (m) => {
            mapEntry(m, 11, 'app', 'web');
            mapEntry(m, 12, 'note', '');
            msg(m, 8, (t) => varint(t, 1, 1_700_000_000)); // creationTimestamp set
            varint(m, 10, 0); // deletionGracePeriodSeconds: a pointer, 0 was meant
            str(m, 14, 'example.com/f');
        });
        mapEntry(raw, 2, 'bin', new Uint8Array([0, 1, 2, 255]));
        mapEntry(raw, 2, 'empty', new Uint8Array(0));
        str(raw, 3, 'Opaque');
        mapEntry(raw, 4, 'plain', 'text');
        raw.uint32((5 << 3) | 0).bool(false); // immutable: *bool false
        const obj = decodeObject(envelope('v1', 'Secret', raw.finish()), PROTOBUF_MEDIA_TYPE, 'Secret');
        assert.deepEqual(obj, {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: {
                name: 's1',
                creationTimestamp: '2023-11-14T22:13:20Z',
                deletionGracePeriodSeconds: 0,
                labels: { app: 'web' },
                annotations: { note: '' },
                finalizers: ['example.com/f'],
            },
            data: { bin: 'AAEC/w==', empty: '' },
            type: 'Opaque',
            stringData: { plain: 'text' },
            immutable: false,
        });
    });
    it('decodes a ConfigMap, a Namespace, a ServiceAccount, a Lease and DeleteOptions', () => {
        const cm = protobuf.Writer.create();
        objectMeta(cm, 'cm1');
        mapEntry(cm, 2, 'a', 'b');
        mapEntry(cm, 3, 'blob', Buffer.from('hi'));
        assert.deepEqual(decodeProtobufObject(envelope('v1', 'ConfigMap', cm.finish())), {
            apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1' }, data: { a: 'b' }, binaryData: { blob: 'aGk=' },
        });
        const ns = protobuf.Writer.create();
        objectMeta(ns, 'ns1');
        msg(ns, 2, (s) => str(s, 1, 'kubernetes'));
        msg(ns, 3, () => { });
        assert.deepEqual(decodeProtobufObject(envelope('v1', 'Namespace', ns.finish())), {
            apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns1' }, spec: { finalizers: ['kubernetes'] }, status: {},
        });
        const sa = protobuf.Writer.create();
        objectMeta(sa, 'sa1', (m) => {
            msg(m, 13, (o) => {
                str(o, 1, 'Pod');
                str(o, 3, 'p');
                str(o, 4, 'u-1');
                str(o, 5, 'v1');
                o.uint32((6 << 3) | 0).bool(true);
            });
        });
        msg(sa, 2, (r) => {
            str(r, 1, 'Secret');
            str(r, 3, 'tok');
        });
        msg(sa, 3, (r) => str(r, 1, 'regcred'));
        sa.uint32((4 << 3) | 0).bool(false);
        assert.deepEqual(decodeProtobufObject(envelope('v1', 'ServiceAccount', sa.finish())), {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: 'sa1', ownerReferences: [{ kind: 'Pod', name: 'p', uid: 'u-1', apiVersion: 'v1', controller: true }] },
            secrets: [{ kind: 'Secret', name: 'tok' }],
            imagePullSecrets: [{ name: 'regcred' }],
            automountServiceAccountToken: false,
        });
        const lease = protobuf.Writer.create();
        objectMeta(lease, 'l1');
        msg(lease, 2, (s) => {
            str(s, 1, 'me');
            varint(s, 2, 15);
            msg(s, 4, (t) => {
                varint(t, 1, 1_700_000_000);
                t.uint32(2 << 3).int32(123_456_789);
            });
            varint(s, 5, 0);
        });
        assert.deepEqual(decodeProtobufObject(envelope('coordination.k8s.io/v1', 'Lease', lease.finish())), {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: { name: 'l1' },
            spec: { holderIdentity: 'me', leaseDurationSeconds: 15, renewTime: '2023-11-14T22:13:20.123456Z', leaseTransitions: 0 },
        });
        const del = protobuf.Writer.create();
        varint(del, 1, 30);
        msg(del, 2, (p) => str(p, 1, 'uid-9'));
        str(del, 4, 'Foreground');
        assert.deepEqual(decodeProtobufObject(envelope('meta.k8s.io/v1', 'DeleteOptions', del.finish())), {
            apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions', gracePeriodSeconds: 30, preconditions: { uid: 'uid-9' }, propagationPolicy: 'Foreground',
        });
    });
    it('decodes a Pod: embedded Go structs inline (volume source, probe handler, ephemeral container), pointer zeros kept', () => {
        const raw = protobuf.Writer.create();
        objectMeta(raw, 'p1');
        msg(raw, 2, (spec) => {
            msg(spec, 1, (vol) => {
                str(vol, 1, 'cfg');
                msg(vol, 2, (src) => msg(src, 19, (cm) => msg(cm, 1, (ref) => str(ref, 1, 'settings')))); // configMap.localObjectReference
            });
            msg(spec, 2, (c) => {
                str(c, 1, 'app');
                str(c, 2, 'busybox');
                msg(c, 10, (probe) => {
                    msg(probe, 1, (h) => msg(h, 2, (get) => {
                        str(get, 1, '/healthz');
                        msg(get, 2, (port) => {
                            varint(port, 1, 0);
                            port.uint32(2 << 3).int32(8080);
                        });
                    }));
                    probe.uint32(4 << 3).int32(5);
                });
                msg(c, 15, (sc) => {
                    varint(sc, 4, 0); // runAsUser: 0 is root, not "unset"
                    sc.uint32((2 << 3) | 0).bool(false); // privileged: false
                });
                str(c, 14, 'IfNotPresent');
            });
            msg(spec, 34, (ec) => {
                msg(ec, 1, (common) => {
                    str(common, 1, 'debugger');
                    str(common, 2, 'busybox');
                    str(common, 3, 'ps');
                });
                str(ec, 2, 'app');
            });
            msg(spec, 22, (t) => {
                str(t, 1, 'node.kubernetes.io/not-ready');
                str(t, 2, 'Exists');
                str(t, 4, 'NoExecute');
                varint(t, 5, 300);
            });
            str(spec, 3, 'Always');
        });
        assert.deepEqual(decodeProtobufObject(envelope('v1', 'Pod', raw.finish())), {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'p1' },
            spec: {
                volumes: [{ name: 'cfg', configMap: { name: 'settings' } }],
                containers: [{
                        name: 'app',
                        image: 'busybox',
                        livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
                        imagePullPolicy: 'IfNotPresent',
                        securityContext: { privileged: false, runAsUser: 0 },
                    }],
                ephemeralContainers: [{ name: 'debugger', image: 'busybox', command: ['ps'], targetContainerName: 'app' }],
                restartPolicy: 'Always',
                tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
            },
        });
    });
    it('decodes a StatefulSet, keeping the zero replicas and partition it was sent', () => {
        const raw = protobuf.Writer.create();
        objectMeta(raw, 'db');
        msg(raw, 2, (spec) => {
            varint(spec, 1, 0);
            msg(spec, 2, (sel) => mapEntry(sel, 1, 'app', 'db'));
            msg(spec, 3, (t) => {
                objectMeta(t, '', (m) => mapEntry(m, 11, 'app', 'db'));
                msg(t, 2, (ps) => msg(ps, 2, (c) => { str(c, 1, 'c'); str(c, 2, 'busybox'); }));
            });
            str(spec, 5, 'db');
            str(spec, 6, 'Parallel');
            msg(spec, 7, (u) => { str(u, 1, 'RollingUpdate'); msg(u, 2, (ru) => varint(ru, 1, 0)); });
        });
        const sts = decodeProtobufObject(envelope('apps/v1', 'StatefulSet', raw.finish()));
        assert.equal(sts.spec.replicas, 0);
        assert.deepEqual(sts.spec.selector, { matchLabels: { app: 'db' } });
        assert.deepEqual([sts.spec.serviceName, sts.spec.podManagementPolicy], ['db', 'Parallel']);
        assert.deepEqual(sts.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
        assert.deepEqual(sts.spec.template.spec.containers, [{ name: 'c', image: 'busybox' }]);
    });
    it('decodes a Node: taints, capacity quantities, conditions with times', () => {
        const raw = protobuf.Writer.create();
        objectMeta(raw, 'n1');
        msg(raw, 2, (spec) => {
            str(spec, 1, '10.88.0.0/24');
            spec.uint32((4 << 3) | 0).bool(true);
            msg(spec, 5, (t) => {
                str(t, 1, 'dedicated');
                str(t, 2, 'gpu');
                str(t, 3, 'NoSchedule');
            });
        });
        msg(raw, 3, (st) => {
            msg(st, 1, (e) => {
                str(e, 1, 'cpu');
                msg(e, 2, (q) => str(q, 1, '4'));
            });
            msg(st, 4, (c) => {
                str(c, 1, 'Ready');
                str(c, 2, 'True');
                msg(c, 3, (t) => varint(t, 1, 1_700_000_000));
                str(c, 5, 'KubeletReady');
            });
            msg(st, 5, (a) => {
                str(a, 1, 'InternalIP');
                str(a, 2, '192.0.2.7');
            });
        });
        assert.deepEqual(decodeProtobufObject(envelope('v1', 'Node', raw.finish())), {
            apiVersion: 'v1',
            kind: 'Node',
            metadata: { name: 'n1' },
            spec: { podCIDR: '10.88.0.0/24', unschedulable: true, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
            status: {
                capacity: { cpu: '4' },
                conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2023-11-14T22:13:20Z', reason: 'KubeletReady' }],
                addresses: [{ type: 'InternalIP', address: '192.0.2.7' }],
            },
        });
    });
    it('decodes a PersistentVolume and a claim: the inline volume source, claimRef, node affinity, status, pointer zeros kept', () => {
        const pv = protobuf.Writer.create();
        objectMeta(pv, 'pv1');
        msg(pv, 2, (spec) => {
            mapEntry(spec, 1, 'storage', (() => { const q = protobuf.Writer.create(); str(q, 1, '1Gi'); return q.finish(); })());
            msg(spec, 2, (src) => msg(src, 20, (local) => str(local, 1, '/data/pv1')));
            str(spec, 3, 'ReadWriteOnce');
            msg(spec, 4, (ref) => { str(ref, 1, 'PersistentVolumeClaim'); str(ref, 2, 'default'); str(ref, 3, 'c1'); });
            str(spec, 5, 'Retain');
            str(spec, 6, '');
            str(spec, 8, 'Filesystem');
            msg(spec, 9, (na) => msg(na, 1, (sel) => msg(sel, 1, (term) => msg(term, 1, (req) => { str(req, 1, 'kubernetes.io/hostname'); str(req, 2, 'In'); str(req, 3, 'n1'); }))));
        });
        msg(pv, 3, (st) => { str(st, 1, 'Available'); str(st, 2, ''); });
        assert.deepEqual(decodeProtobufObject(envelope('v1', 'PersistentVolume', pv.finish())), {
            apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' },
            spec: {
                capacity: { storage: '1Gi' }, local: { path: '/data/pv1' }, accessModes: ['ReadWriteOnce'],
                claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'c1' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem',
                nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] }] }] } },
            },
            status: { phase: 'Available' },
        });
        const pvc = protobuf.Writer.create();
        objectMeta(pvc, 'c1');
        msg(pvc, 2, (spec) => {
            str(spec, 1, 'ReadWriteOnce');
            msg(spec, 2, (r) => mapEntry(r, 2, 'storage', (() => { const q = protobuf.Writer.create(); str(q, 1, '500Mi'); return q.finish(); })()));
            str(spec, 5, '');
        });
        msg(pvc, 3, (st) => {
            str(st, 1, 'Bound');
            msg(st, 4, (c) => { str(c, 1, 'Resizing'); str(c, 2, 'True'); msg(c, 4, (t) => varint(t, 1, 1_700_000_000)); });
        });
        assert.deepEqual(decodeProtobufObject(envelope('v1', 'PersistentVolumeClaim', pvc.finish())), {
            apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c1' },
            // storageClassName is a pointer: "" (no class) is kept.
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '500Mi' } }, storageClassName: '' },
            status: { phase: 'Bound', conditions: [{ type: 'Resizing', status: 'True', lastTransitionTime: '2023-11-14T22:13:20Z' }] },
        });
    });
    it('decodes a StorageClass, an IngressClass and a ControllerRevision (its data is the embedded JSON)', () => {
        const sc = protobuf.Writer.create();
        objectMeta(sc, 'local');
        str(sc, 2, 'rancher.io/local-path');
        mapEntry(sc, 3, 'nodePath', '/opt');
        str(sc, 4, 'Delete');
        sc.uint32((6 << 3) | 0).bool(false);
        str(sc, 7, 'WaitForFirstConsumer');
        msg(sc, 8, (t) => msg(t, 1, (r) => { str(r, 1, 'topology.kubernetes.io/zone'); str(r, 2, 'a'); }));
        assert.deepEqual(decodeProtobufObject(envelope('storage.k8s.io/v1', 'StorageClass', sc.finish())), {
            apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'rancher.io/local-path',
            parameters: { nodePath: '/opt' }, reclaimPolicy: 'Delete', allowVolumeExpansion: false, volumeBindingMode: 'WaitForFirstConsumer',
            allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['a'] }] }],
        });
        const ic = protobuf.Writer.create();
        objectMeta(ic, 'nginx');
        msg(ic, 2, (spec) => { str(spec, 1, 'k8s.io/ingress-nginx'); msg(spec, 2, (p) => { str(p, 1, 'k8s.example.com'); str(p, 2, 'IngressParameters'); str(p, 3, 'p1'); str(p, 4, 'Cluster'); }); });
        assert.deepEqual(decodeProtobufObject(envelope('networking.k8s.io/v1', 'IngressClass', ic.finish())), {
            apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' },
            spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'p1', scope: 'Cluster' } },
        });
        const cr = protobuf.Writer.create();
        objectMeta(cr, 'web-7d9c');
        msg(cr, 2, (d) => bytes(d, 1, Buffer.from('{"spec":{"template":{"metadata":{"labels":{"app":"web"}}}}}')));
        varint(cr, 3, 3);
        assert.deepEqual(decodeProtobufObject(envelope('apps/v1', 'ControllerRevision', cr.finish())), {
            apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'web-7d9c' },
            data: { spec: { template: { metadata: { labels: { app: 'web' } } } } }, revision: 3,
        });
    });
    it('refuses a body without the magic prefix, garbage, and kinds it has no schema for', () => {
        const status = (f) => {
            try {
                f();
            }
            catch (e) {
                assert.ok(e instanceof ApiError, String(e));
                return e.message;
            }
            assert.fail('expected an ApiError');
        };
        assert.match(status(() => decodeObject(Buffer.from('{"kind":"Namespace"}'), PROTOBUF_MEDIA_TYPE, 'Namespace')), /expected prefix/);
        assert.match(status(() => decodeObject(Buffer.concat([PROTOBUF_MAGIC, Buffer.from([0x0a, 0xff])]), PROTOBUF_MEDIA_TYPE, 'Namespace')), /error decoding protobuf/);
        assert.match(status(() => decodeObject(envelope('v1', 'ComponentStatus', new Uint8Array(0)), PROTOBUF_MEDIA_TYPE, 'Namespace')), /Kind=ComponentStatus is not supported/);
    });
});
describe('kubectl create with protobuf bodies', () => {
    let server;
    const k = (args) => kubectl(server.kubeconfig, args);
    const getJson = async (args) => {
        const r = await k(['get', ...args, '-o', 'json']);
        assert.equal(r.code, 0, r.stderr);
        return JSON.parse(r.stdout);
    };
    before(async () => {
        server = await startServer();
    });
    after(async () => {
        await server?.dispose();
    });
    it('kubectl create namespace', async () => {
        const r = await k(['create', 'namespace', 'pb-ns']);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.trim(), 'namespace/pb-ns created');
        const ns = await getJson(['namespace', 'pb-ns']);
        assert.equal(ns.metadata.name, 'pb-ns');
        assert.equal(ns.status.phase, 'Active');
        assert.ok(ns.metadata.uid);
        assert.match(ns.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });
    it('kubectl create configmap --from-literal', async () => {
        const r = await k(['create', 'configmap', 'pb-cm', '--from-literal=a=b', '--from-literal=empty=', '-n', 'pb-ns']);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.trim(), 'configmap/pb-cm created');
        const cm = await getJson(['configmap', 'pb-cm', '-n', 'pb-ns']);
        assert.deepEqual(cm.data, { a: 'b', empty: '' });
        assert.equal(cm.metadata.namespace, 'pb-ns');
        assert.equal(cm.binaryData, undefined);
    });
    it('kubectl create secret generic --from-literal', async () => {
        const r = await k(['create', 'secret', 'generic', 'pb-secret', '--from-literal=a=b', '--from-literal=pw=s3cr3t!']);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.trim(), 'secret/pb-secret created');
        const s = await getJson(['secret', 'pb-secret']);
        assert.equal(s.type, 'Opaque');
        assert.deepEqual(s.data, { a: Buffer.from('b').toString('base64'), pw: Buffer.from('s3cr3t!').toString('base64') });
        const jp = await k(['get', 'secret', 'pb-secret', '-o', 'jsonpath={.data.pw}']);
        assert.equal(Buffer.from(jp.stdout, 'base64').toString(), 's3cr3t!');
    });
    it('kubectl create secret docker-registry keeps the secret type', async () => {
        const r = await k(['create', 'secret', 'docker-registry', 'pb-reg', '--docker-server=r.example', '--docker-username=u', '--docker-password=p']);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.trim(), 'secret/pb-reg created');
        const s = await getJson(['secret', 'pb-reg']);
        assert.equal(s.type, 'kubernetes.io/dockerconfigjson');
        const cfg = JSON.parse(Buffer.from(s.data['.dockerconfigjson'], 'base64').toString());
        assert.equal(cfg.auths['r.example'].username, 'u');
    });
    it('kubectl create serviceaccount', async () => {
        const r = await k(['create', 'serviceaccount', 'pb-sa']);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.trim(), 'serviceaccount/pb-sa created');
        const sa = await getJson(['serviceaccount', 'pb-sa']);
        assert.equal(sa.metadata.name, 'pb-sa');
        assert.equal(sa.metadata.namespace, 'default');
    });
    it('kubectl debug --copy-to (sent as protobuf) copies every field of a rich Pod spec, with 1.27, 1.32 and 1.33', async () => {
        const handler = { exec: { command: ['true'] } };
        const spec = {
            schedulerName: 'test-unscheduled',
            terminationGracePeriodSeconds: 0,
            activeDeadlineSeconds: 600,
            enableServiceLinks: false,
            automountServiceAccountToken: false,
            shareProcessNamespace: false,
            hostname: 'rich',
            subdomain: 'sub',
            imagePullSecrets: [{ name: 'regcred' }],
            securityContext: { runAsNonRoot: false, fsGroup: 2000, sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] },
            volumes: [
                { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
                { name: 'cfg', configMap: { name: 'settings', items: [{ key: 'a', path: 'a.txt', mode: 0o400 }], defaultMode: 0o644, optional: false } },
                { name: 'sec', secret: { secretName: 'creds', defaultMode: 0o600 } },
                { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
                { name: 'meta', projected: { sources: [{ downwardAPI: { items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] } }, { configMap: { name: 'settings', optional: true } }] } },
            ],
            initContainers: [{ name: 'setup', image: 'busybox', command: ['sh', '-c', 'true'], resources: {} }],
            containers: [{
                    name: 'app',
                    image: 'busybox',
                    args: ['sleep', '3600'],
                    workingDir: '/tmp',
                    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP', hostPort: 5353 }],
                    env: [
                        { name: 'PLAIN', value: 'x' },
                        { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
                        { name: 'MEM', valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } } },
                        { name: 'KEY', valueFrom: { configMapKeyRef: { name: 'settings', key: 'a', optional: true } } },
                    ],
                    envFrom: [{ prefix: 'S_', secretRef: { name: 'creds', optional: false } }],
                    resources: { requests: { cpu: '100m', memory: '32Mi' }, limits: { memory: '64Mi' } },
                    volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }, { name: 'cfg', mountPath: '/cfg', readOnly: true, subPath: 'a.txt' }],
                    livenessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP', httpHeaders: [{ name: 'X-Probe', value: '1' }] }, initialDelaySeconds: 3, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
                    readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 2, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
                    startupProbe: { grpc: { port: 9090, service: '' }, periodSeconds: 1, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 30 },
                    lifecycle: { postStart: handler, preStop: { httpGet: { path: '/stop', port: 8080, scheme: 'HTTP' } } },
                    securityContext: { runAsUser: 0, runAsGroup: 0, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] } },
                    stdin: true,
                    tty: true,
                }],
            tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }],
            affinity: {
                nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] } },
                podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: 'rich' } }, topologyKey: 'kubernetes.io/hostname' } }] },
            },
            topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }],
            hostAliases: [{ ip: '192.0.2.1', hostnames: ['one.example'] }],
            dnsConfig: { nameservers: ['192.0.2.53'], searches: ['example'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
            readinessGates: [{ conditionType: 'example.com/ready' }],
            nodeSelector: { disk: 'ssd' },
        };
        const created = await kubectl(server.kubeconfig, ['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'rich', labels: { app: 'rich' } }, spec }) });
        assert.equal(created.code, 0, created.stderr);
        const original = (await getJson(['pod', 'rich'])).spec;
        const bins = ['/usr/bin/kubectl', '/usr/lib/google-cloud-sdk/bin/kubectl.1.27', '/usr/lib/google-cloud-sdk/bin/kubectl.1.33'].filter((b) => existsSync(b));
        for (const [i, bin] of bins.entries()) {
            const r = await kubectl(server.kubeconfig, ['debug', 'rich', `--copy-to=rich-copy-${i}`, '--image=busybox', '--container=dbg', '--', 'true'], { bin });
            assert.equal(r.code, 0, r.stderr);
            const copy = (await getJson(['pod', `rich-copy-${i}`])).spec;
            const dbg = copy.containers.pop();
            assert.equal(dbg.name, 'dbg');
            assert.deepEqual(copy, original, bin);
        }
    });
    for (const [version, bin] of KUBECTL_VERSIONS) {
        it(`kubectl ${version} create ingress (an Ingress in protobuf): rules, TLS, class and default backend arrive`, async () => {
            const name = `pb-ing-${version.replace('.', '-')}`;
            const r = await kubectl(server.kubeconfig, ['create', 'ingress', name, '--class=nginx', '--rule=foo.com/bar*=svc1:8080,tls=my-cert', '--rule=/api=svc2:http', '--default-backend=def:80'], { bin });
            assert.equal(r.code, 0, r.stderr);
            assert.equal(r.stdout.trim(), `ingress.networking.k8s.io/${name} created`);
            const ing = await getJson(['ingress', name]);
            assert.equal(ing.spec.ingressClassName, 'nginx');
            assert.deepEqual(ing.spec.defaultBackend, { service: { name: 'def', port: { number: 80 } } });
            assert.deepEqual(ing.spec.tls, [{ hosts: ['foo.com'], secretName: 'my-cert' }]);
            assert.deepEqual(ing.spec.rules, [
                { host: 'foo.com', http: { paths: [{ path: '/bar', pathType: 'Prefix', backend: { service: { name: 'svc1', port: { number: 8080 } } } }] } },
                { http: { paths: [{ path: '/api', pathType: 'Exact', backend: { service: { name: 'svc2', port: { name: 'http' } } } }] } },
            ]);
        });
    }
    it('a duplicate create is kubectl\'s usual AlreadyExists error, and --dry-run=server stores nothing', async () => {
        const dup = await k(['create', 'configmap', 'pb-cm', '--from-literal=x=y', '-n', 'pb-ns']);
        assert.notEqual(dup.code, 0);
        assert.match(dup.stderr, /configmaps "pb-cm" already exists/);
        const dry = await k(['create', 'secret', 'generic', 'pb-dry', '--from-literal=a=b', '--dry-run=server']);
        assert.equal(dry.code, 0, dry.stderr);
        assert.match(dry.stdout, /secret\/pb-dry created \(server dry run\)/);
        const get = await k(['get', 'secret', 'pb-dry']);
        assert.notEqual(get.code, 0);
        assert.match(get.stderr, /NotFound|not found/);
    });
});
//# sourceMappingURL=kubectl-protobuf.test.js.map
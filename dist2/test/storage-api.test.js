// PersistentVolumes, PersistentVolumeClaims, StorageClasses, Ingresses and IngressClasses as the API
// serves them to the real kubectl: upstream's Tables, defaults and validation messages (bad input is a
// 422 that stores nothing), the default class given to claims that name none, a claim's spec fixed
// after creation and its growth refused where the class does not allow it; the binder binding a claim
// to the smallest static volume that fits and releasing it when the claim goes; and `kubectl apply
// --prune` with kubectl's default allowlist (1.33 and 1.27), which names PVs, PVCs and Ingresses.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KUBECTL, kubectl } from './support/kubectl.js';
import { withServer } from './support/suite.js';
import { until } from './support/wait.js';
const srv = withServer();
const k = (args, input, bin) => kubectl(srv.server.kubeconfig, args, { ...(input === undefined ? {} : { input }), ...(bin ? { bin } : {}) });
const rows = (out) => out.trimEnd().split('\n').map((l) => l.trim().split(/\s{2,}/));
const PVC = '/api/v1/namespaces/default/persistentvolumeclaims';
const pv = (name, spec, labels) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name, ...(labels ? { labels } : {}) }, spec });
const pvc = (name, spec) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec });
const sc = (name, extra = {}) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner: 'kubernetes.io/no-provisioner', ...extra });
const ing = (name, spec) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name }, spec });
const hostPath = (storage, extra = {}) => ({ capacity: { storage }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp/berth-pv' }, ...extra });
const claimSpec = (storage, extra = {}) => ({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, ...extra });
async function refused(obj, want, what) {
    const r = await k(['create', '-f', '-'], JSON.stringify(obj));
    assert.notEqual(r.code, 0, `${what} was accepted`);
    assert.match(r.stderr, /is invalid/, what);
    assert.match(r.stderr, want, what);
    const kind = obj.kind.toLowerCase();
    assert.notEqual((await k(['get', kind, obj.metadata.name])).code, 0, `${what} was stored`);
}
describe('storage and ingress kinds', () => {
    it('a claim is bound to the smallest static volume that fits; both print upstream\'s columns', async () => {
        const manifest = {
            apiVersion: 'v1', kind: 'List', items: [
                sc('manual'),
                pv('big', hostPath('10Gi', { storageClassName: 'manual' })),
                pv('small', hostPath('2Gi', { storageClassName: 'manual', accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] })),
                pv('tiny', hostPath('500Mi', { storageClassName: 'manual' })),
                pv('labelled', hostPath('3Gi', { storageClassName: 'manual' }), { tier: 'gold' }),
            ],
        };
        const r = await k(['apply', '-f', '-'], JSON.stringify(manifest));
        assert.equal(r.code, 0, r.stderr);
        // The claims come once the binder has seen every volume, so the smallest that fits is among them.
        await until('the volumes Available', async () => (await k(['get', 'pv', '-o', 'jsonpath={.items[*].status.phase}'])).stdout === 'Available Available Available Available', 30_000, 200);
        const claims = { apiVersion: 'v1', kind: 'List', items: [pvc('claim', { ...claimSpec('1Gi'), storageClassName: 'manual' }), pvc('gold', { ...claimSpec('1Gi'), storageClassName: 'manual', selector: { matchLabels: { tier: 'gold' } } })] };
        assert.equal((await k(['apply', '-f', '-'], JSON.stringify(claims))).code, 0);
        await until('both claims Bound', async () => (await k(['get', 'pvc', '-o', 'jsonpath={.items[*].status.phase}'])).stdout === 'Bound Bound', 30_000, 200);
        const claimRows = rows((await k(['get', 'pvc'])).stdout);
        assert.deepEqual(claimRows[0], ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE']);
        assert.deepEqual(claimRows.slice(1).map((c) => c.slice(0, 7)), [['claim', 'Bound', 'small', '2Gi', 'RWO,ROX', 'manual', '<unset>'], ['gold', 'Bound', 'labelled', '3Gi', 'RWO', 'manual', '<unset>']]);
        const volumes = rows((await k(['get', 'pv'])).stdout);
        assert.deepEqual(volumes[0], ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE']);
        const byName = Object.fromEntries(volumes.slice(1).map((c) => [c[0], c.slice(1, 8)]));
        assert.deepEqual(byName.small, ['2Gi', 'RWO,ROX', 'Retain', 'Bound', 'default/claim', 'manual', '<unset>']);
        assert.equal((await k(['get', 'pv', 'big', 'tiny', '-o', 'jsonpath={.items[*].status.phase}'])).stdout, 'Available Available');
        const wide = rows((await k(['get', 'pv', 'small', '-o', 'wide'])).stdout);
        assert.equal(wide[0].at(-1), 'VOLUMEMODE');
        assert.equal(wide[1].at(-1), 'Filesystem');
        const claim = JSON.parse((await k(['get', 'pvc', 'claim', '-o', 'json'])).stdout);
        assert.equal(claim.metadata.annotations['pv.kubernetes.io/bind-completed'], 'yes');
        assert.equal(claim.spec.volumeMode, 'Filesystem');
        // The claim gone, the volume is Released and kept (Retain, a static volume's default).
        assert.equal((await k(['delete', 'pvc', 'claim'])).code, 0);
        await until('small Released', async () => (await k(['get', 'pv', 'small', '-o', 'jsonpath={.status.phase}'])).stdout === 'Released', 30_000, 200);
        // A volume with the Delete policy that nobody provisioned cannot be deleted: Failed, as upstream.
        assert.equal((await k(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [pv('doomed', hostPath('1Gi', { storageClassName: 'manual', persistentVolumeReclaimPolicy: 'Delete' })), pvc('doomed', { ...claimSpec('1Gi'), storageClassName: 'manual', volumeName: 'doomed' })] }))).code, 0);
        await until('doomed Bound', async () => (await k(['get', 'pvc', 'doomed', '-o', 'jsonpath={.status.phase}'])).stdout === 'Bound', 30_000, 200);
        assert.equal((await k(['delete', 'pvc', 'doomed'])).code, 0);
        await until('doomed Failed', async () => (await k(['get', 'pv', 'doomed', '-o', 'jsonpath={.status.phase}'])).stdout === 'Failed', 30_000, 200);
    });
    it('a claim without a class gets the default one; "" means none; a class prints (default)', async () => {
        assert.equal((await k(['apply', '-f', '-'], JSON.stringify(sc('fast', { metadata: { name: 'fast', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, allowVolumeExpansion: true, volumeBindingMode: 'WaitForFirstConsumer' })))).code, 0);
        const classes = rows((await k(['get', 'sc'])).stdout);
        assert.deepEqual(classes[0], ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE']);
        assert.deepEqual(classes.slice(1).map((c) => c.slice(0, 5)), [['fast (default)', 'kubernetes.io/no-provisioner', 'Delete', 'WaitForFirstConsumer', 'true'], ['manual', 'kubernetes.io/no-provisioner', 'Delete', 'Immediate', 'false']]);
        assert.equal((await k(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [pvc('defaulted', claimSpec('1Gi')), pvc('classless', { ...claimSpec('1Gi'), storageClassName: '' })] }))).code, 0);
        assert.equal((await k(['get', 'pvc', 'defaulted', '-o', 'jsonpath={.spec.storageClassName}'])).stdout, 'fast');
        assert.equal((await k(['get', 'pvc', 'classless', '-o', 'jsonpath={.spec.storageClassName}'])).stdout, '');
    });
    it('a claim\'s spec is fixed after creation; it grows only bound, and only where its class allows', async () => {
        const r = await k(['patch', 'pvc', 'defaulted', '--type=merge', '-p', '{"spec":{"accessModes":["ReadWriteMany"]}}']);
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, /The PersistentVolumeClaim "defaulted" is invalid: spec: Forbidden: spec is immutable after creation except resources\.requests and volumeAttributesClassName for bound claims/);
        // gold is bound in class manual, which does not allow expansion.
        const grow = await k(['patch', 'pvc', 'gold', '--type=merge', '-p', '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}']);
        assert.notEqual(grow.code, 0);
        assert.match(grow.stderr, /persistentvolumeclaims "gold" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize/);
        const shrink = await k(['patch', 'pvc', 'gold', '--type=merge', '-p', '{"spec":{"resources":{"requests":{"storage":"1Mi"}}}}']);
        assert.match(shrink.stderr, /spec\.resources\.requests\.storage: Forbidden: field can not be less than status\.capacity/);
        const sci = await k(['patch', 'sc', 'manual', '--type=merge', '-p', '{"provisioner":"other.io/x","reclaimPolicy":"Retain"}']);
        assert.match(sci.stderr, /provisioner: Forbidden: updates to provisioner are forbidden\..*reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden\./s);
        const pvSource = await k(['patch', 'pv', 'big', '--type=merge', '-p', '{"spec":{"hostPath":{"path":"/elsewhere"}}}']);
        assert.match(pvSource.stderr, /spec\.persistentvolumesource: Forbidden: spec\.persistentvolumesource is immutable after creation/);
        assert.equal((await srv.api.call('GET', `${PVC}/gold`)).body.spec.resources.requests.storage, '1Gi');
    });
    it('refuses bad volumes, claims, classes, ingresses and ingress classes with upstream\'s messages', async () => {
        const cases = [
            [pv('v1', { capacity: { storage: '1Gi' }, hostPath: { path: '/x' } }), /spec\.accessModes: Required value/],
            [pv('v2', hostPath('1Gi', { accessModes: ['ReadWriteSometimes'] })), /spec\.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"/],
            [pv('v3', hostPath('1Gi', { accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] })), /spec\.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes/],
            [pv('v4', hostPath('0')), /spec\.capacity\[storage\]: Invalid value: "0": must be greater than zero/],
            [pv('v5', { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] }), /spec: Required value: must specify a volume type/],
            [pv('v6', { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], local: { path: '/mnt/disk' } }), /spec\.nodeAffinity: Required value: Local volume requires node affinity/],
            [pv('v7', hostPath('1Gi', { persistentVolumeReclaimPolicy: 'Recycle', hostPath: { path: '/' } })), /spec\.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount of '\/'/],
            [pv('v8', hostPath('1Gi', { persistentVolumeReclaimPolicy: 'Shred' })), /spec\.persistentVolumeReclaimPolicy: Unsupported value: "Shred": supported values: "Delete", "Recycle", "Retain"/],
            [pvc('c1', { resources: { requests: { storage: '1Gi' } } }), /spec\.accessModes: Required value: at least 1 access mode is required/],
            [pvc('c2', { accessModes: ['ReadWriteOnce'] }), /spec\.resources\[storage\]: Required value/],
            [pvc('c3', claimSpec('-1Gi')), /spec\.resources\[storage\]: Invalid value: "-1Gi": must be greater than zero/],
            [pvc('c4', claimSpec('1Gi', { storageClassName: 'Bad_Class' })), /spec\.storageClassName: Invalid value: "Bad_Class": a lowercase RFC 1123 subdomain/],
            [pvc('c5', claimSpec('1Gi', { volumeMode: 'Tape' })), /spec\.volumeMode: Unsupported value: "Tape": supported values: "Block", "Filesystem"/],
            [sc('s1', { provisioner: '' }), /provisioner: Required value/],
            [sc('s2', { volumeBindingMode: 'Eventually' }), /volumeBindingMode: Unsupported value: "Eventually": supported values: "Immediate", "WaitForFirstConsumer"/],
            [sc('s3', { reclaimPolicy: 'Recycle' }), /reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"/],
            [ing('i1', {}), /spec: Invalid value: .*: either `defaultBackend` or `rules` must be specified/],
            [ing('i2', { rules: [{ host: '10.0.0.1', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] }), /spec\.rules\[0\]\.host: Invalid value: "10\.0\.0\.1": must be a DNS name, not an IP address/],
            [ing('i3', { rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] }), /spec\.rules\[0\]\.http\.paths\[0\]\.pathType: Required value: pathType must be specified/],
            [ing('i4', { rules: [{ http: { paths: [{ path: 'api', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] }), /spec\.rules\[0\]\.http\.paths\[0\]\.path: Invalid value: "api": must be an absolute path/],
            [ing('i5', { defaultBackend: { service: { name: 'web', port: { name: 'http', number: 80 } } } }), /spec\.defaultBackend: Invalid value: "": cannot set both port name & port number/],
            [ing('i6', { defaultBackend: { service: { name: 'web', port: {} } } }), /spec\.defaultBackend: Required value: port name or number is required/],
            [ing('i7', { defaultBackend: {} }), /spec\.defaultBackend: Invalid value: "": resource or service backend is required/],
            [ing('i8', { rules: [{ http: { paths: [{ path: '/', pathType: 'Regex', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] }), /pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"/],
            [{ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'ic1' }, spec: { controller: 'nginx' } }, /spec\.controller: Invalid value: "nginx": must be a domain-prefixed path \(such as "acme\.io\/foo"\)/],
            [{ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'ic2' }, spec: { controller: 'acme.io/ingress', parameters: { kind: 'Params', name: 'p', scope: 'Namespace' } } }, /spec\.parameters\.namespace: Required value: `parameters\.scope` is set to 'Namespace'/],
        ];
        for (const [obj, want] of cases)
            await refused(obj, want, obj.metadata.name);
    });
    it('Ingresses and IngressClasses print NAME CLASS HOSTS ADDRESS PORTS AGE and NAME CONTROLLER PARAMETERS AGE', async () => {
        const backend = { service: { name: 'web', port: { number: 80 } } };
        const paths = { paths: [{ path: '/', pathType: 'Prefix', backend }] };
        const manifest = {
            apiVersion: 'v1', kind: 'List', items: [
                { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } } },
                ing('site', { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: 'tls' }], rules: ['a', 'b', 'c', 'd'].map((h) => ({ host: `${h}.example.com`, http: paths })) }),
                ing('catchall', { defaultBackend: backend }),
                ing('wild', { rules: [{ host: '*.example.com', http: paths }] }),
            ],
        };
        const r = await k(['apply', '-f', '-'], JSON.stringify(manifest));
        assert.equal(r.code, 0, r.stderr);
        const ingresses = rows((await k(['get', 'ing'])).stdout);
        assert.deepEqual(ingresses[0], ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE']);
        assert.deepEqual(ingresses[1].slice(0, 4), ['catchall', '<none>', '*', '80']);
        assert.deepEqual(ingresses[2].slice(0, 4), ['site', 'nginx', 'a.example.com,b.example.com,c.example.com + 1 more...', '80, 443']);
        assert.deepEqual(ingresses[3].slice(0, 4), ['wild', '<none>', '*.example.com', '80']);
        const st = await srv.api.call('PATCH', '/apis/networking.k8s.io/v1/namespaces/default/ingresses/catchall/status', { status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } } }, { 'content-type': 'application/merge-patch+json' });
        assert.equal(st.status, 200, JSON.stringify(st.body));
        assert.match((await k(['get', 'ing', 'catchall'])).stdout, /^catchall\s+<none>\s+\*\s+192\.0\.2\.10\s+80\s+\d+s$/m);
        const classes = rows((await k(['get', 'ingressclass'])).stdout);
        assert.deepEqual(classes, [['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'], ['nginx', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/external-lb', classes[1][3]]]);
        const change = await k(['patch', 'ingressclass', 'nginx', '--type=merge', '-p', '{"spec":{"controller":"acme.io/other"}}']);
        assert.match(change.stderr, /spec\.controller: Invalid value: "acme\.io\/other": field is immutable/);
    });
});
describe('kubectl apply --prune with the default allowlist', () => {
    for (const bin of [KUBECTL, '/usr/lib/google-cloud-sdk/bin/kubectl.1.33', '/usr/lib/google-cloud-sdk/bin/kubectl.1.27'].filter((b, i, all) => existsSync(b) && all.indexOf(b) === i)) {
        it(`prunes what left the directory, every allowlisted kind included (${bin})`, async () => {
            const tag = bin.replace(/\W/g, '').slice(-6).toLowerCase();
            const dir = await mkdtemp(join(tmpdir(), 'berth-prune-'));
            const labels = { app: `x${tag}` };
            const objects = {
                'cm.yaml': { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `keep-${tag}`, labels }, data: { a: '1' } },
                'gone.yaml': { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `gone-${tag}`, labels }, data: { a: '1' } },
                'pvc.yaml': { ...pvc(`claim-${tag}`, { ...claimSpec('1Gi'), storageClassName: '' }), metadata: { name: `claim-${tag}`, labels } },
                'ing.yaml': { ...ing(`ing-${tag}`, { defaultBackend: { service: { name: 'web', port: { number: 80 } } } }), metadata: { name: `ing-${tag}`, labels } },
            };
            for (const [file, obj] of Object.entries(objects))
                await writeFile(join(dir, file), JSON.stringify(obj));
            const first = await k(['apply', '--prune', '-l', `app=x${tag}`, '-f', dir], undefined, bin);
            assert.equal(first.code, 0, first.stderr);
            await import('node:fs/promises').then((fs) => Promise.all([fs.rm(join(dir, 'gone.yaml')), fs.rm(join(dir, 'pvc.yaml')), fs.rm(join(dir, 'ing.yaml'))]));
            const second = await k(['apply', '--prune', '-l', `app=x${tag}`, '-f', dir], undefined, bin);
            assert.equal(second.code, 0, second.stderr);
            assert.match(second.stdout, new RegExp(`configmap/gone-${tag} pruned`));
            assert.match(second.stdout, new RegExp(`persistentvolumeclaim/claim-${tag} pruned`));
            assert.match(second.stdout, new RegExp(`ingress\\.networking\\.k8s\\.io/ing-${tag} pruned`));
            assert.equal((await k(['get', 'cm', `gone-${tag}`])).code, 1);
            assert.equal((await k(['get', 'cm', `keep-${tag}`])).code, 0);
        });
    }
});
//# sourceMappingURL=storage-api.test.js.map
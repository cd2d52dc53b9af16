// networking.k8s.io/v1 NetworkPolicy as the API serves it, driven by the real kubectl: upstream's
// defaults (policyTypes inferred, TCP ports), its validation messages for each bad input, the Table's
// NAME / POD-SELECTOR / AGE columns, and the netpol short name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kubectl } from './support/kubectl.js';
import { withServer } from './support/suite.js';
const srv = withServer();
const k = (args, input) => kubectl(srv.server.kubeconfig, args, input === undefined ? {} : { input });
const NP = '/apis/networking.k8s.io/v1/namespaces/default/networkpolicies';
function policy(name, spec) {
    return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec };
}
describe('networking.k8s.io/v1 NetworkPolicy', () => {
    it('kubectl apply stores upstream defaults: policyTypes inferred, ports TCP', async () => {
        const manifest = JSON.stringify({
            apiVersion: 'v1', kind: 'List', items: [
                policy('ingress-only', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 80 }] }] }),
                policy('with-egress', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 'dns', protocol: 'UDP' }] }] }),
                // podSelector is required in 1.32's schema (kubectl's validation says so); later releases made it optional.
                policy('deny-all', { podSelector: {} }),
            ],
        });
        const r = await k(['apply', '-f', '-'], manifest);
        assert.equal(r.code, 0, r.stderr);
        const ingressOnly = (await srv.api.call('GET', `${NP}/ingress-only`)).body;
        assert.deepEqual(ingressOnly.spec.policyTypes, ['Ingress']);
        assert.deepEqual(ingressOnly.spec.ingress[0].ports, [{ port: 80, protocol: 'TCP' }]);
        const withEgress = (await srv.api.call('GET', `${NP}/with-egress`)).body;
        assert.deepEqual(withEgress.spec.policyTypes, ['Ingress', 'Egress']);
        assert.deepEqual(withEgress.spec.egress[0].ports, [{ port: 'dns', protocol: 'UDP' }]);
        const denyAll = (await srv.api.call('GET', `${NP}/deny-all`)).body;
        assert.deepEqual(denyAll.spec, { podSelector: {}, policyTypes: ['Ingress'] });
    });
    it('kubectl get netpol prints NAME, POD-SELECTOR and AGE', async () => {
        const r = await k(['get', 'netpol']);
        assert.equal(r.code, 0, r.stderr);
        const rows = r.stdout.trimEnd().split('\n').map((l) => l.trim().split(/\s{2,}/));
        assert.deepEqual(rows[0], ['NAME', 'POD-SELECTOR', 'AGE']);
        assert.deepEqual(rows.slice(1).map((c) => c.slice(0, 2)), [['deny-all', '<none>'], ['ingress-only', 'app=web'], ['with-egress', '<none>']]);
        const d = await k(['describe', 'networkpolicy', 'ingress-only']);
        assert.equal(d.code, 0, d.stderr);
        assert.match(d.stdout, /PodSelector:\s+app=web/);
        assert.match(d.stdout, /To Port: 80\/TCP/);
    });
    it('refuses what upstream refuses, with its messages, and stores nothing', async () => {
        const cases = [
            [{ ingress: [{ ports: [{ port: 0 }] }] }, /spec\.ingress\[0\]\.ports\[0\]\.port: Invalid value: 0: must be between 1 and 65535, inclusive/],
            [{ ingress: [{ ports: [{ port: 70000 }] }] }, /spec\.ingress\[0\]\.ports\[0\]\.port: Invalid value: 70000: must be between 1 and 65535, inclusive/],
            [{ egress: [{ ports: [{ port: 'Not_A_Name' }] }] }, /spec\.egress\[0\]\.ports\[0\]\.port: Invalid value: "Not_A_Name": must contain only alpha-numeric characters/],
            [{ ingress: [{ ports: [{ port: 90, endPort: 80 }] }] }, /spec\.ingress\[0\]\.ports\[0\]\.endPort: Invalid value: 80: must be greater than or equal to `port`/],
            [{ ingress: [{ ports: [{ port: 'http', endPort: 80 }] }] }, /spec\.ingress\[0\]\.ports\[0\]\.endPort: Invalid value: 80: may not be specified when `port` is non-numeric/],
            [{ ingress: [{ ports: [{ endPort: 80 }] }] }, /endPort: Invalid value: 80: may not be specified when `port` is not specified/],
            [{ ingress: [{ ports: [{ port: 80, protocol: 'ICMP' }] }] }, /ports\[0\]\.protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"/],
            [{ ingress: [{ from: [{}] }] }, /spec\.ingress\[0\]\.from\[0\]: Required value: must specify a peer/],
            [{ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }, /spec\.ingress\[0\]\.from\[0\]: Forbidden: may not specify both ipBlock and another peer/],
            [{ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] }, /spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr: Invalid value: "10\.0\.0\.0\/33": must be a valid CIDR value, \(e\.g\. 10\.9\.8\.0\/24 or 2001:db8::\/64\)/],
            [{ egress: [{ to: [{ ipBlock: { cidr: '' } }] }] }, /spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr: Required value/],
            [{ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] } }] }] }, /ipBlock\.except\[0\]: Invalid value: "10\.1\.0\.0\/24": must be a strict subset of `cidr`/],
            [{ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.0.0/16'] } }] }] }, /ipBlock\.except\[0\]: Invalid value: "10\.0\.0\.0\/16": must be a strict subset of `cidr`/],
            [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }, /spec\.podSelector\.matchExpressions\[0\]\.values: Required value: must be specified when `operator` is 'In' or 'NotIn'/],
            [{ ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'bad key!': 'x' } } }] }] }, /spec\.ingress\[0\]\.from\[0\]\.namespaceSelector\.matchLabels: Invalid value: "bad key!"/],
            [{ policyTypes: ['Ingress', 'Sideways'] }, /spec\.policyTypes\[1\]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"/],
            [{ policyTypes: ['Ingress', 'Egress', 'Ingress'] }, /spec\.policyTypes: Invalid value: .*: may not specify more than two policyTypes/],
        ];
        for (const [i, [spec, want]] of cases.entries()) {
            const r = await k(['create', '-f', '-'], JSON.stringify(policy(`bad-${i}`, spec)));
            assert.notEqual(r.code, 0, `case ${i} was accepted`);
            assert.match(r.stderr, /is invalid/, `case ${i}`);
            assert.match(r.stderr, want, `case ${i}`);
            assert.equal((await srv.api.call('GET', `${NP}/bad-${i}`)).status, 404, `case ${i} was stored`);
        }
        // An update is held to the same rules.
        const r = await k(['patch', 'netpol', 'ingress-only', '--type=merge', '-p', JSON.stringify({ spec: { ingress: [{ ports: [{ port: 80, endPort: 79 }] }] } })]);
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, /spec\.ingress\[0\]\.ports\[0\]\.endPort: Invalid value: 79: must be greater than or equal to `port`/);
    });
    it('accepts the valid edge cases upstream accepts', async () => {
        const ok = policy('edges', {
            podSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
            ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { role: 'client' } } }, { ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } }], ports: [{ port: 1, endPort: 65535 }, { protocol: 'SCTP' }] }],
            egress: [{}],
            policyTypes: ['Egress'],
        });
        const r = await k(['create', '-f', '-'], JSON.stringify(ok));
        assert.equal(r.code, 0, r.stderr);
        const stored = (await srv.api.call('GET', `${NP}/edges`)).body;
        assert.deepEqual(stored.spec.policyTypes, ['Egress']);
        assert.deepEqual(stored.spec.ingress[0].ports[1], { protocol: 'SCTP' });
    });
});
//# sourceMappingURL=networkpolicy-api.test.js.map
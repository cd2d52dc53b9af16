import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostnameFor, makeHostsFile, makeResolvConf } from '../src/kubelet/podFiles.js';
import { pod } from './kubelet-fixtures.js';
const header = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
test('hosts file: plain pod', () => {
    assert.equal(makeHostsFile(pod(), ['10.244.0.5']), `${header}10.244.0.5\tweb\n`);
});
test('hosts file: hostname + subdomain FQDN and host aliases', () => {
    const p = pod({ hostname: 'h1', subdomain: 'sub', hostAliases: [{ ip: '1.2.3.4', hostnames: ['foo', 'bar'] }, { ip: '::5', hostnames: ['six'] }] });
    assert.equal(makeHostsFile(p, ['10.244.0.5']), `${header}10.244.0.5\th1.sub.default.svc.cluster.local\th1\n\n# Entries added by HostAliases.\n1.2.3.4\tfoo\tbar\n::5\tsix\n`);
});
test('hosts file: host network keeps the host file', () => {
    assert.equal(makeHostsFile(pod({ hostNetwork: true }), [], '127.0.0.1 localhost\n'), '# Kubernetes-managed hosts file (host network).\n127.0.0.1 localhost\n');
});
test('hostname: long names cut to 63 without trailing dash', () => {
    const name = `${'a'.repeat(62)}-b`;
    assert.deepEqual(hostnameFor(pod({}, { metadata: { name, namespace: 'ns' } })), { hostname: 'a'.repeat(62) });
    assert.deepEqual(hostnameFor(pod({ subdomain: 's' }, { metadata: { name: 'x', namespace: 'ns' } })), { hostname: 'x', domain: 's.ns.svc.cluster.local' });
});
const host = '# generated\nnameserver 10.0.0.2\nnameserver 10.0.0.3\nsearch example.com corp\noptions ndots:2 edns0\n';
const cluster = { nameservers: ['10.88.0.1'], domain: 'cluster.local' };
const hostFile = 'search example.com corp\nnameserver 10.0.0.2\nnameserver 10.0.0.3\noptions ndots:2 edns0\n';
test('resolv.conf: ClusterFirst points at cluster DNS with the namespace first on the search path and ndots:5', () => {
    const want = 'search default.svc.cluster.local svc.cluster.local cluster.local example.com corp\nnameserver 10.88.0.1\noptions ndots:5\n';
    assert.equal(makeResolvConf(pod(), host, cluster), want);
    assert.equal(makeResolvConf(pod({ dnsPolicy: 'ClusterFirst' }, { metadata: { name: 'x', namespace: 'prod' } }), host, cluster), 'search prod.svc.cluster.local svc.cluster.local cluster.local example.com corp\nnameserver 10.88.0.1\noptions ndots:5\n');
    assert.equal(makeResolvConf(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), host, cluster), want);
});
test('resolv.conf: Default, ClusterFirst on the host network, and ClusterFirst without cluster DNS use the host file', () => {
    assert.equal(makeResolvConf(pod({ dnsPolicy: 'Default' }), host, cluster), hostFile);
    assert.equal(makeResolvConf(pod({ hostNetwork: true }), host, cluster), hostFile);
    assert.equal(makeResolvConf(pod(), host), hostFile);
    assert.equal(makeResolvConf(pod({ dnsPolicy: 'ClusterFirstWithHostNet' }), host, { nameservers: [], domain: 'cluster.local' }), hostFile);
});
test('resolv.conf: dnsConfig merges into cluster DNS', () => {
    const p = pod({ dnsConfig: { nameservers: ['10.88.0.1', '9.9.9.9'], searches: ['x', 'cluster.local'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } });
    assert.equal(makeResolvConf(p, host, cluster), 'search default.svc.cluster.local svc.cluster.local cluster.local example.com corp x\nnameserver 10.88.0.1\nnameserver 9.9.9.9\noptions ndots:2 edns0\n');
});
test('resolv.conf: None with dnsConfig only', () => {
    const p = pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['a.b'], options: [{ name: 'ndots', value: '5' }, { name: 'rotate' }] } });
    assert.equal(makeResolvConf(p, host, cluster), 'search a.b\nnameserver 1.1.1.1\noptions ndots:5 rotate\n');
});
test('resolv.conf: dnsConfig merges, dedups, caps nameservers at 3, options override', () => {
    const p = pod({ dnsPolicy: 'Default', dnsConfig: { nameservers: ['10.0.0.2', '9.9.9.9', '8.8.8.8'], searches: ['corp', 'x'], options: [{ name: 'ndots', value: '1' }] } });
    assert.equal(makeResolvConf(p, host, cluster), 'search example.com corp x\nnameserver 10.0.0.2\nnameserver 10.0.0.3\nnameserver 9.9.9.9\noptions ndots:1 edns0\n');
});
//# sourceMappingURL=kubelet-pod-files.test.js.map
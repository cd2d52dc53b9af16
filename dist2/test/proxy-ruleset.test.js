// The node proxy's ruleset, as a pure function of Services and EndpointSlices: which endpoints each
// Service port reaches (ready ones; serving-terminating ones only when none is ready; the node's own
// under a Local policy), what gets no rules (headless, ExternalName), what is refused, what is
// masqueraded (hairpin too), and the nftables program that replaces the table or updates it keeping affinity. The
// last test hands the programs to the kernel's nftables in a network namespace of its own (as root).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { buildRuleset, clusterChainName, transaction } from '../src/proxy/ruleset.js';
import { servicePorts } from '../src/proxy/servicePorts.js';
const NODE = { nodeIPs: ['192.0.2.2'], podCIDR: '10.88.0.0/16' };
function svc(name, spec) {
    return { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'default', name }, spec };
}
function slice(service, name, endpoints, port = 8080, portName = 'http', protocol = 'TCP') {
    return {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { namespace: 'default', name, labels: { 'kubernetes.io/service-name': service } },
        addressType: 'IPv4',
        ports: [{ name: portName, port, protocol }],
        endpoints,
    };
}
const ep = (ip, conditions, nodeName = 'me') => ({ addresses: [ip], conditions, nodeName });
const web = (spec = {}) => svc('web', { clusterIP: '10.43.0.10', ports: [{ name: 'http', port: 80, protocol: 'TCP' }], ...spec });
function only(services, slices) {
    const ports = servicePorts(services, slices, 'me');
    assert.equal(ports.length, 1);
    return ports[0];
}
const ips = (sp) => sp?.map((e) => `${e.ip}:${e.port}`);
const elements = (r, set) => r.sets.get(set)?.elements ?? [];
describe('proxy: endpoints chosen for a Service port', () => {
    it('takes ready endpoints only (unset conditions read as ready), once each across slices', () => {
        const sp = only([web()], [
            slice('web', 'a', [ep('10.88.0.7'), ep('10.88.0.5', { ready: true }), ep('10.88.0.6', { ready: false })]),
            slice('web', 'b', [ep('10.88.0.5', { ready: true })]),
            slice('other', 'c', [ep('10.88.0.9')]),
        ]);
        assert.deepEqual(ips(sp.clusterEndpoints), ['10.88.0.5:8080', '10.88.0.7:8080']);
        assert.equal(sp.name, 'default/web/tcp/http');
        assert.equal(sp.hasEndpoints, true);
    });
    it('falls back to serving, terminating endpoints when none is ready, and to none after that', () => {
        const terminating = { ready: false, serving: true, terminating: true };
        let sp = only([web()], [slice('web', 'a', [ep('10.88.0.5', terminating), ep('10.88.0.6', { ready: false, serving: false, terminating: true })])]);
        assert.deepEqual(ips(sp.clusterEndpoints), ['10.88.0.5:8080']);
        sp = only([web()], [slice('web', 'a', [ep('10.88.0.5', terminating), ep('10.88.0.7', { ready: true })])]);
        assert.deepEqual(ips(sp.clusterEndpoints), ['10.88.0.7:8080'], 'a ready endpoint wins over terminating ones');
        sp = only([web()], [slice('web', 'a', [ep('10.88.0.6', { ready: false })])]);
        assert.deepEqual(sp.clusterEndpoints, []);
        assert.equal(sp.hasEndpoints, false);
    });
    it('matches slice ports by name and protocol, and skips IPv6 and FQDN slices', () => {
        const s = svc('dns', { clusterIP: '10.43.0.53', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] });
        const v6 = { ...slice('dns', 'v6', [ep('fd00::1')], 5353, 'dns', 'UDP'), addressType: 'IPv6' };
        const ports = servicePorts([s], [slice('dns', 'a', [ep('10.88.0.5')], 5353, 'dns', 'UDP'), v6], 'me');
        assert.deepEqual(ports.map((p) => [p.name, ips(p.clusterEndpoints)]), [
            ['default/dns/tcp/dns-tcp', []],
            ['default/dns/udp/dns', ['10.88.0.5:5353']],
        ]);
    });
    it('gives headless, ExternalName and not yet allocated Services no rules', () => {
        const none = servicePorts([
            web({ clusterIP: 'None' }),
            svc('ext', { type: 'ExternalName', externalName: 'example.org' }),
            svc('new', { ports: [{ port: 80 }] }),
        ], [slice('web', 'a', [ep('10.88.0.5')])], 'me');
        assert.deepEqual(none, []);
    });
    it('keeps to the node\'s own endpoints under a Local traffic policy', () => {
        const slices = [slice('web', 'a', [ep('10.88.0.5', {}, 'me'), ep('10.88.0.6', {}, 'other')])];
        const internal = only([web({ internalTrafficPolicy: 'Local' })], slices);
        assert.deepEqual(ips(internal.clusterEndpoints), ['10.88.0.5:8080']);
        assert.equal(internal.localEndpoints, null);
        const external = only([web({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, nodePort: 30080 }] })], slices);
        assert.deepEqual(ips(external.clusterEndpoints), ['10.88.0.5:8080', '10.88.0.6:8080']);
        assert.deepEqual(ips(external.localEndpoints), ['10.88.0.5:8080']);
    });
});
describe('proxy: the ruleset', () => {
    it('sends a ClusterIP to a random ready endpoint, masquerading traffic from outside the pod CIDR and hairpin traffic', () => {
        const r = buildRuleset(servicePorts([web()], [slice('web', 'a', [ep('10.88.0.5'), ep('10.88.0.6')])], 'me'), NODE);
        const sp = only([web()], [slice('web', 'a', [ep('10.88.0.5')])]);
        const chain = clusterChainName(sp);
        assert.deepEqual(elements(r, 'service-ips'), [`10.43.0.10 . tcp . 80 : goto ${chain}`]);
        const rules = r.chains.get(chain);
        assert.deepEqual(rules, [
            'ip daddr 10.43.0.10 tcp dport 80 ip saddr != 10.88.0.0/16 jump mark-for-masquerade',
            'meta l4proto tcp dnat ip to numgen random mod 2 map { 0 : 10.88.0.5 . 8080, 1 : 10.88.0.6 . 8080 }',
        ]);
        assert.ok(![...r.chains.keys()].some((name) => name.startsWith('endpoint-')), 'no chain per endpoint without affinity');
        assert.deepEqual(elements(r, 'no-endpoint-services'), []);
        assert.deepEqual(elements(r, 'hairpin'), ['10.88.0.5 . 10.88.0.5', '10.88.0.6 . 10.88.0.6']);
        assert.deepEqual(r.chains.get('masquerading'), ['ip saddr . ip daddr @hairpin jump mark-for-masquerade', 'meta mark & 0x00004000 == 0 return', 'meta mark set meta mark ^ 0x00004000', 'masquerade fully-random']);
    });
    it('refuses a Service with no endpoints at once, and drops what a Local policy leaves without one', () => {
        let r = buildRuleset(servicePorts([web({ type: 'NodePort', ports: [{ name: 'http', port: 80, nodePort: 30080 }] })], [], 'me'), NODE);
        assert.deepEqual(elements(r, 'no-endpoint-services'), ['10.43.0.10 . tcp . 80 : goto reject-chain']);
        assert.deepEqual(elements(r, 'no-endpoint-nodeports'), ['tcp . 30080 : goto reject-chain']);
        assert.deepEqual(elements(r, 'service-ips'), []);
        assert.deepEqual(r.chains.get('reject-chain'), ['reject']);
        r = buildRuleset(servicePorts([web({ internalTrafficPolicy: 'Local' })], [slice('web', 'a', [ep('10.88.0.6', {}, 'other')])], 'me'), NODE);
        assert.deepEqual(elements(r, 'no-endpoint-services'), ['10.43.0.10 . tcp . 80 : goto drop-chain']);
    });
    it('answers NodePorts on the node\'s addresses only, masquerading them unless externalTrafficPolicy is Local', () => {
        const np = (policy) => web({ type: 'NodePort', externalTrafficPolicy: policy, ports: [{ name: 'http', port: 80, nodePort: 30080 }] });
        const slices = [slice('web', 'a', [ep('10.88.0.5', {}, 'me'), ep('10.88.0.6', {}, 'other')])];
        let r = buildRuleset(servicePorts([np('Cluster')], slices, 'me'), { ...NODE, nodeIPs: ['192.0.2.2', '192.0.2.2', '198.51.100.1'] });
        assert.deepEqual(elements(r, 'nodeport-ips'), ['192.0.2.2', '198.51.100.1']);
        assert.ok(r.chains.get('services').includes('ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports'));
        const [entry] = elements(r, 'service-nodeports');
        const external = /^tcp \. 30080 : goto (external-\S+)$/.exec(entry)[1];
        assert.deepEqual(r.chains.get(external), ['jump mark-for-masquerade', `goto ${clusterChainName(only([np('Cluster')], slices))}`]);
        r = buildRuleset(servicePorts([np('Local')], slices, 'me'), NODE);
        const local = r.chains.get(external);
        assert.ok(!local.includes('jump mark-for-masquerade'), 'a Local policy keeps the client address');
        assert.match(local.at(-1), /^goto local-/);
        const pick = r.chains.get(local.at(-1).slice('goto '.length));
        assert.deepEqual(pick, ['meta l4proto tcp dnat ip to numgen random mod 1 map { 0 : 10.88.0.5 . 8080 }']);
    });
    it('remembers a client\'s endpoint under sessionAffinity ClientIP for the configured time', () => {
        const s = web({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } });
        const r = buildRuleset(servicePorts([s], [slice('web', 'a', [ep('10.88.0.5'), ep('10.88.0.6')])], 'me'), NODE);
        const affinity = [...r.sets].filter(([name]) => name.startsWith('affinity-'));
        assert.equal(affinity.length, 2);
        for (const [, set] of affinity)
            assert.deepEqual(set, { kind: 'set', spec: 'type ipv4_addr; flags dynamic,timeout; timeout 60s;' });
        const rules = r.chains.get(clusterChainName(only([s], [])));
        assert.match(rules[1], /^ip saddr @affinity-\S+__10\.88\.0\.5\/8080 goto endpoint-\S+__10\.88\.0\.5\/8080$/);
        const endpoint = [...r.chains].find(([name]) => name.endsWith('__10.88.0.5/8080'))[1];
        assert.match(endpoint[0], /^update @affinity-\S+__10\.88\.0\.5\/8080 \{ ip saddr \}$/);
        assert.equal(endpoint[1], 'meta l4proto tcp dnat ip to 10.88.0.5:8080');
        assert.match(rules[3], /^numgen random mod 2 vmap \{ 0 : goto endpoint-\S+__10\.88\.0\.5\/8080, 1 : goto endpoint-\S+__10\.88\.0\.6\/8080 \}$/);
    });
    it('replaces the table whole at first, then updates it keeping affinity sets and deleting what went', () => {
        const s = web({ sessionAffinity: 'ClientIP' });
        const before = buildRuleset(servicePorts([s], [slice('web', 'a', [ep('10.88.0.5'), ep('10.88.0.6')])], 'me'), NODE);
        const after = buildRuleset(servicePorts([s], [slice('web', 'a', [ep('10.88.0.5')])], 'me'), NODE);
        const full = transaction('berth-proxy', before).split('\n');
        assert.deepEqual(full.slice(0, 3), ['add table ip berth-proxy', 'delete table ip berth-proxy', 'add table ip berth-proxy']);
        const update = transaction('berth-proxy', after, before).split('\n');
        assert.deepEqual(update.slice(0, 2), ['add table ip berth-proxy', 'flush table ip berth-proxy']);
        assert.ok(update.includes('flush map ip berth-proxy service-ips'));
        const gone = update.filter((l) => l.startsWith('delete '));
        assert.equal(gone.length, 2, gone.join('\n'));
        assert.match(gone[0], /^delete set ip berth-proxy affinity-\S+__10\.88\.0\.6\/8080$/);
        assert.match(gone[1], /^delete chain ip berth-proxy endpoint-\S+__10\.88\.0\.6\/8080$/);
        assert.ok(!update.some((l) => /^(flush|delete) set .*10\.88\.0\.5/.test(l)), 'the remaining endpoint keeps its clients');
    });
    it('is accepted by the kernel, whole and as an update', { skip: process.getuid?.() !== 0 || spawnSync('nft', ['--version']).status !== 0 ? 'needs root and nft' : false }, () => {
        const services = [
            web({ type: 'NodePort', sessionAffinity: 'ClientIP', ports: [{ name: 'http', port: 80, nodePort: 30080 }] }),
            svc('dns', { clusterIP: '10.43.0.53', externalIPs: ['198.51.100.7'], type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 }] }),
            svc('empty', { clusterIP: '10.43.0.11', ports: [{ port: 443 }] }),
        ];
        const slices = [slice('web', 'a', [ep('10.88.0.5'), ep('10.88.0.6')]), slice('dns', 'b', [ep('10.88.0.8', {}, 'other')], 5353, 'dns', 'UDP')];
        const first = buildRuleset(servicePorts(services, slices, 'me'), NODE);
        const second = buildRuleset(servicePorts(services.slice(1), slices, 'me'), NODE);
        const program = `${transaction('berth-proxy', first)}${transaction('berth-proxy', second, first)}`;
        // A network namespace of its own: the host's tables are never touched.
        const r = spawnSync('unshare', ['--net', 'sh', '-c', 'nft -f - && nft list table ip berth-proxy'], { input: program, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /10\.43\.0\.53 \. udp \. 53 : goto service-/);
        assert.doesNotMatch(r.stdout, /10\.43\.0\.10|affinity-/, 'the deleted Service left nothing behind');
    });
});
//# sourceMappingURL=proxy-ruleset.test.js.map
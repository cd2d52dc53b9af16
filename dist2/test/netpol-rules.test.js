// The NetworkPolicy rule generator, pure (no root, no kernel): which of a node's Pods policies isolate,
// what the union of their rules admits (checked with a small evaluator of the model, packet by packet),
// and the nftables script it renders. The same cluster given in any order renders the same script
// (seeded; CI replays a fixed seed).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cidrHas, parseCidr } from '../src/api/cidr.js';
import { defaultNetworkPolicy } from '../src/api/defaults/networkpolicy.js';
import { nodeRules } from '../src/proxy/networkpolicy/model.js';
import { renderRuleset } from '../src/proxy/networkpolicy/ruleset.js';
import { prng } from './support/prng.js';
const seed = process.env.CI ? 20261206 : (Math.random() * 2 ** 32) >>> 0;
function pod(ns, name, ip, labels, extra = {}) {
    return {
        metadata: { namespace: ns, name, labels },
        spec: { nodeName: extra.node ?? 'n1', hostNetwork: extra.hostNetwork, containers: [{ name: 'c', image: 'busybox', ports: extra.ports }] },
        status: { phase: extra.phase ?? 'Running', podIP: ip },
    };
}
function ns(name, labels = {}) {
    return { metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } };
}
function policy(namespace, name, spec) {
    const np = { metadata: { namespace, name }, spec };
    defaultNetworkPolicy(np);
    return np;
}
function peerHas(peer, ip) {
    if ('any' in peer)
        return true;
    if ('ips' in peer)
        return peer.ips.includes(ip);
    return cidrHas(parseCidr(peer.cidr), ip) && !peer.except.some((e) => cidrHas(parseCidr(e), ip));
}
function inRange(range, port) {
    const [lo, hi] = range.split('-').map(Number);
    return port >= lo && port <= (hi ?? lo);
}
/** Whether the allows admit a packet with this peer, protocol and destination port (no allows: not isolated). */
function admits(allows, peerIP, protocol, port) {
    if (!allows)
        return true;
    return allows.some((a) => a.peers.some((p) => peerHas(p, peerIP)) && (!a.ports || a.ports.some((m) => m.protocol === protocol && (!m.ports || m.ports.some((r) => inRange(r, port))))));
}
const cluster = (pods, policies, namespaces = [ns('default'), ns('other', { team: 'a' }), ns('third', { team: 'b' })]) => ({ nodeName: 'n1', pods, namespaces, policies });
const rulesOf = (view, ip) => nodeRules(view).find((r) => r.ip === ip);
const WEB = pod('default', 'web', '10.88.0.10', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }] });
const CLIENT = pod('default', 'client', '10.88.0.11', { role: 'client' });
const STRANGER = pod('default', 'stranger', '10.88.0.12', { role: 'other' });
const OTHER_NS = pod('other', 'client', '10.88.0.13', { role: 'client' });
const THIRD_NS = pod('third', 'client', '10.88.0.14', { role: 'client' });
const REMOTE = pod('default', 'remote', '10.89.0.5', { role: 'client' }, { node: 'n2' });
const PODS = [WEB, CLIENT, STRANGER, OTHER_NS, THIRD_NS, REMOTE];
describe('NetworkPolicy rules for a node', () => {
    it('no policy isolates nothing, and the script only removes the table', () => {
        assert.deepEqual(nodeRules(cluster(PODS, [])), []);
        assert.equal(renderRuleset('berth-netpol', []), 'table inet berth-netpol {}\ndelete table inet berth-netpol\n');
    });
    it('a podSelector peer admits the selected Pods of the policy namespace only, on any port', () => {
        const view = cluster(PODS, [policy('default', 'allow-client', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }] }] })]);
        const web = rulesOf(view, WEB.status.podIP);
        assert.equal(web.egress, undefined, 'an Ingress policy leaves egress alone');
        assert.ok(admits(web.ingress, CLIENT.status.podIP, 'TCP', 8080));
        assert.ok(admits(web.ingress, REMOTE.status.podIP, 'UDP', 53), 'a Pod on another node is a peer too');
        assert.ok(!admits(web.ingress, STRANGER.status.podIP, 'TCP', 8080));
        assert.ok(!admits(web.ingress, OTHER_NS.status.podIP, 'TCP', 8080), 'podSelector alone stays in the policy namespace');
        assert.equal(rulesOf(view, CLIENT.status.podIP), undefined, 'unselected Pods are not isolated');
        assert.equal(rulesOf(view, REMOTE.status.podIP), undefined, 'Pods of other nodes are not this node\'s to police');
    });
    it('namespaceSelector, and namespaceSelector with podSelector in one peer', () => {
        const byNs = cluster(PODS, [policy('default', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } } }] }] })]);
        const web = rulesOf(byNs, WEB.status.podIP);
        assert.ok(admits(web.ingress, OTHER_NS.status.podIP, 'TCP', 1));
        assert.ok(!admits(web.ingress, THIRD_NS.status.podIP, 'TCP', 1));
        assert.ok(!admits(web.ingress, CLIENT.status.podIP, 'TCP', 1));
        const both = cluster([...PODS, pod('other', 'server', '10.88.0.20', { role: 'server' })], [
            policy('default', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { role: 'client' } } }] }] }),
        ]);
        const web2 = rulesOf(both, WEB.status.podIP);
        assert.ok(admits(web2.ingress, OTHER_NS.status.podIP, 'TCP', 1));
        assert.ok(admits(web2.ingress, THIRD_NS.status.podIP, 'TCP', 1));
        assert.ok(!admits(web2.ingress, '10.88.0.20', 'TCP', 1), 'both selectors must match');
    });
    it('ipBlock with except, rendered as a CIDR less its excepts', () => {
        const view = cluster(PODS, [policy('default', 'p', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.88.0.0/16', except: ['10.88.0.12/32'] } }] }] })]);
        const web = rulesOf(view, WEB.status.podIP);
        assert.ok(admits(web.ingress, CLIENT.status.podIP, 'TCP', 80));
        assert.ok(!admits(web.ingress, STRANGER.status.podIP, 'TCP', 80));
        assert.ok(!admits(web.ingress, '192.168.1.1', 'TCP', 80));
        const script = renderRuleset('t', nodeRules(view));
        assert.match(script, /ip saddr 10\.88\.0\.0\/16 ip saddr != 10\.88\.0\.12\/32 return comment "default\/p"/);
    });
    it('a named port resolves on the target for ingress, and matches nothing where the Pod lacks it', () => {
        const view = cluster(PODS, [policy('default', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] })]);
        const web = rulesOf(view, WEB.status.podIP);
        assert.ok(admits(web.ingress, STRANGER.status.podIP, 'TCP', 8080));
        assert.ok(!admits(web.ingress, STRANGER.status.podIP, 'TCP', 80));
        assert.ok(!admits(web.ingress, STRANGER.status.podIP, 'UDP', 8080), 'the port is TCP by default');
        const client = rulesOf(view, CLIENT.status.podIP);
        assert.deepEqual(client.ingress, [], 'isolated, and nothing admitted');
    });
    it('egress: a named port resolves on each destination Pod; numbers, ranges and protocols', () => {
        const api = pod('default', 'api', '10.88.0.30', { app: 'api' }, { ports: [{ name: 'http', containerPort: 9090 }] });
        const view = cluster([...PODS, api], [
            policy('default', 'out', { podSelector: { matchLabels: { role: 'client' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: {} }], ports: [{ port: 'http' }] }, { ports: [{ port: 5000, endPort: 5010, protocol: 'UDP' }, { protocol: 'SCTP' }] }] }),
        ]);
        const client = rulesOf(view, CLIENT.status.podIP);
        assert.equal(client.ingress, undefined, 'an Egress-only policy leaves ingress alone');
        assert.ok(admits(client.egress, WEB.status.podIP, 'TCP', 8080));
        assert.ok(!admits(client.egress, WEB.status.podIP, 'TCP', 9090));
        assert.ok(admits(client.egress, api.status.podIP, 'TCP', 9090));
        assert.ok(admits(client.egress, '8.8.8.8', 'UDP', 5005));
        assert.ok(!admits(client.egress, '8.8.8.8', 'UDP', 5011));
        assert.ok(admits(client.egress, '8.8.8.8', 'SCTP', 7));
        assert.ok(!admits(client.egress, '8.8.8.8', 'TCP', 53), 'DNS is not special');
        const script = renderRuleset('t', nodeRules(view));
        assert.match(script, /ip daddr 10\.88\.0\.10 meta l4proto tcp th dport 8080 return/);
        assert.match(script, /meta l4proto udp th dport 5000-5010 return/);
        assert.match(script, /meta l4proto sctp return/);
        assert.match(script, /chain input \{\n.*\n.*ct state established,related accept\n\s+ip saddr vmap \{ 10\.88\.0\.11 : jump egress_10_88_0_11 \}/);
    });
    it('policies add up; default deny admits nothing; hostNetwork and finished Pods are neither targets nor peers', () => {
        const host = pod('default', 'host', '192.168.0.1', { role: 'client' }, { hostNetwork: true });
        const done = pod('default', 'done', '10.88.0.40', { role: 'client' }, { phase: 'Succeeded' });
        const view = cluster([...PODS, host, done], [
            policy('default', 'deny', { podSelector: {} }),
            policy('default', 'a', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 80 }] }] }),
            policy('default', 'b', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'other' } } }], ports: [{ port: 81 }] }] }),
        ]);
        const web = rulesOf(view, WEB.status.podIP);
        assert.ok(admits(web.ingress, CLIENT.status.podIP, 'TCP', 80));
        assert.ok(!admits(web.ingress, CLIENT.status.podIP, 'TCP', 81));
        assert.ok(admits(web.ingress, STRANGER.status.podIP, 'TCP', 81));
        assert.ok(!admits(web.ingress, '10.88.0.40', 'TCP', 80));
        assert.ok(!admits(rulesOf(view, CLIENT.status.podIP).ingress, WEB.status.podIP, 'TCP', 80));
        assert.deepEqual(nodeRules(view).map((r) => r.pod), ['default/web', 'default/client', 'default/stranger'], 'ordered by IP; host and done are not policed');
        assert.match(renderRuleset('t', nodeRules(view)), /drop comment "ingress of default\/client not allowed by any policy"/);
    });
    it(`renders the same script whatever order the cluster is given in (seed ${seed})`, () => {
        const rng = prng(seed);
        const policies = [
            policy('default', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
            policy('default', 'a', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 'http' }, { port: 81 }] }] }),
            policy('other', 'c', { podSelector: {}, egress: [{ to: [{ namespaceSelector: {} }] }] }),
        ];
        const shuffle = (xs) => {
            const a = [...xs];
            for (let i = a.length - 1; i > 0; i--) {
                const j = rng.int(i + 1);
                [a[i], a[j]] = [a[j], a[i]];
            }
            return a;
        };
        const want = renderRuleset('t', nodeRules(cluster(PODS, policies)));
        for (let i = 0; i < 20; i++)
            assert.equal(renderRuleset('t', nodeRules(cluster(shuffle(PODS), shuffle(policies)))), want);
    });
});
//# sourceMappingURL=netpol-rules.test.js.map
// InterPodAffinity, PodTopologySpread and extended resources, plugin by plugin: tables of cases built
// from kube-scheduler's documented semantics (its plugins' filtering/scoring behaviour), then the
// whole algorithm's FailedScheduling message, and a seeded check that memoized per-node counts agree
// with a fresh count after Pods come and go.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabelSelectorSpec, Node, Pod, PodAffinityTerm, TopologySpreadConstraint } from '../src/api/types.js';
import { Algorithm } from '../src/scheduler/algorithm.js';
import { affinityTotalsOf, noLookups, type ClusterLookups, type ClusterView } from '../src/scheduler/clusterview.js';
import { nodeResourcesFit, type FilterPlugin } from '../src/scheduler/filters.js';
import { interPodAffinityFilter, interPodAffinityScore } from '../src/scheduler/interpodaffinity.js';
import { NodeInfo } from '../src/scheduler/nodeinfo.js';
import { podInfo } from '../src/scheduler/podinfo.js';
import type { ScorePlugin } from '../src/scheduler/scores.js';
import { podTopologySpreadFilter, podTopologySpreadScore } from '../src/scheduler/topologyspread.js';
import { prng } from './support/prng.js';

const zone = 'topology.kubernetes.io/zone';
const host = 'kubernetes.io/hostname';

function mkNode(name: string, labels: Record<string, string>, o: { taints?: NonNullable<Node['spec']>['taints']; dongles?: string } = {}): NodeInfo {
  const info = new NodeInfo(name);
  info.setNode({
    metadata: { name, labels: { [host]: name, ...labels } },
    spec: { taints: o.taints },
    status: {
      allocatable: { cpu: '8', memory: '16Gi', pods: '110', ...(o.dongles ? { 'example.com/dongle': o.dongles } : {}) },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  });
  return info;
}

let seq = 0;
interface PodOpts {
  ns?: string;
  labels?: Record<string, string>;
  affinity?: PodAffinityTerm[];
  anti?: PodAffinityTerm[];
  preferred?: [number, PodAffinityTerm][];
  preferredAnti?: [number, PodAffinityTerm][];
  spread?: TopologySpreadConstraint[];
  nodeSelector?: Record<string, string>;
  deleting?: boolean;
  dongles?: string;
  owner?: string;
}
function mkPod(o: PodOpts = {}): Pod {
  const aff = (req?: PodAffinityTerm[], pref?: [number, PodAffinityTerm][]) =>
    req || pref ? { requiredDuringSchedulingIgnoredDuringExecution: req, preferredDuringSchedulingIgnoredDuringExecution: pref?.map(([weight, podAffinityTerm]) => ({ weight, podAffinityTerm })) } : undefined;
  return {
    metadata: {
      name: `p${seq++}`,
      namespace: o.ns ?? 'default',
      labels: o.labels,
      ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
      ...(o.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.owner, uid: `uid-${o.owner}`, controller: true }] } : {}),
    },
    spec: {
      containers: [{ name: 'c', resources: o.dongles ? { limits: { 'example.com/dongle': o.dongles }, requests: { 'example.com/dongle': o.dongles } } : {} }],
      affinity: { podAffinity: aff(o.affinity, o.preferred), podAntiAffinity: aff(o.anti, o.preferredAnti) },
      topologySpreadConstraints: o.spread,
      nodeSelector: o.nodeSelector,
    },
  };
}

const term = (matchLabels: Record<string, string>, topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({ labelSelector: { matchLabels }, topologyKey, ...extra });
const spread = (maxSkew: number, topologyKey: string, matchLabels: Record<string, string>, extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint =>
  ({ maxSkew, topologyKey, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels }, ...extra });

function place(node: NodeInfo, ...pods: Pod[]): NodeInfo {
  for (const p of pods) node.addPod(podInfo(p));
  return node;
}

const view = (nodes: NodeInfo[], lookups: ClusterLookups = noLookups): ClusterView => ({ ...lookups, nodes, affinityTotals: affinityTotalsOf(nodes) });

/** Each node's verdict: null when it passes, else the reason (with "!" when unresolvable). */
function verdicts(plugin: FilterPlugin, pod: Pod, nodes: NodeInfo[], lookups?: ClusterLookups): Record<string, string | null> {
  const state = plugin.preFilter!(podInfo(pod), view(nodes, lookups));
  const out: Record<string, string | null> = {};
  for (const n of nodes) {
    const f = state === null ? null : plugin.filter(podInfo(pod), n, state);
    out[n.name] = f ? `${f.unresolvable ? '!' : ''}${f.reasons.join(', ')}` : null;
  }
  return out;
}

/** Normalized scores by node name, or null when the plugin has nothing to say. */
function scores(plugin: ScorePlugin, pod: Pod, nodes: NodeInfo[], lookups?: ClusterLookups): Record<string, number> | null {
  const state = plugin.preScore(podInfo(pod), nodes, nodes.length, view(nodes, lookups));
  if (state === null) return null;
  const raw = new Float64Array(nodes.map((n) => plugin.score(podInfo(pod), n, state)));
  plugin.normalize?.(raw, nodes.length, state);
  return Object.fromEntries(nodes.map((n, i) => [n.name, Math.trunc(raw[i]!)]));
}

const AFF = "node(s) didn't match pod affinity rules";
const ANTI = "node(s) didn't match pod anti-affinity rules";
const EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";

// Three nodes: n1 and n2 in region r1, n3 in r2.
const regions = () => [mkNode('n1', { region: 'r1' }), mkNode('n2', { region: 'r1' }), mkNode('n3', { region: 'r2' })];

const affinityCases: { name: string; pod: Pod; nodes: () => NodeInfo[]; lookups?: ClusterLookups; want: Record<string, string | null> | 'skipped' }[] = [
  { name: 'no terms and no existing anti-affinity: skipped', pod: mkPod(), nodes: () => { const ns = regions(); place(ns[0]!, mkPod({ labels: { app: 'db' } })); return ns; }, want: 'skipped' },
  {
    name: 'required affinity: every node of the matching Pod\'s region', pod: mkPod({ affinity: [term({ app: 'db' }, 'region')] }),
    nodes: () => { const ns = regions(); place(ns[0]!, mkPod({ labels: { app: 'db' } })); return ns; },
    want: { n1: null, n2: null, n3: `!${AFF}` },
  },
  {
    name: 'required affinity that nothing satisfies', pod: mkPod({ labels: { app: 'web' }, affinity: [term({ app: 'db' }, 'region')] }),
    nodes: regions, want: { n1: `!${AFF}`, n2: `!${AFF}`, n3: `!${AFF}` },
  },
  {
    name: 'the first Pod of a group matching its own affinity may go anywhere', pod: mkPod({ labels: { app: 'db' }, affinity: [term({ app: 'db' }, 'region')] }),
    nodes: regions, want: { n1: null, n2: null, n3: null },
  },
  {
    name: 'the first Pod of a group still needs the topology key', pod: mkPod({ labels: { app: 'db' }, affinity: [term({ app: 'db' }, 'rack')] }),
    nodes: () => [mkNode('n1', { rack: 'a' }), mkNode('n2', {})], want: { n1: null, n2: `!${AFF}` },
  },
  {
    name: 'once a group exists elsewhere, self-matching no longer helps', pod: mkPod({ labels: { app: 'db' }, affinity: [term({ app: 'db' }, 'region')] }),
    nodes: () => { const ns = regions(); place(ns[2]!, mkPod({ labels: { app: 'db' } })); return ns; },
    want: { n1: `!${AFF}`, n2: `!${AFF}`, n3: null },
  },
  {
    name: 'affinity terms are ANDed: one Pod must match all of them', pod: mkPod({ affinity: [term({ app: 'db' }, 'region'), term({ tier: 'x' }, 'region')] }),
    nodes: () => { const ns = regions(); place(ns[0]!, mkPod({ labels: { app: 'db' } }), mkPod({ labels: { tier: 'x' } })); return ns; },
    want: { n1: `!${AFF}`, n2: `!${AFF}`, n3: `!${AFF}` },
  },
  {
    name: 'a term looks in the Pod\'s own namespace by default', pod: mkPod({ affinity: [term({ app: 'db' }, 'region')] }),
    nodes: () => { const ns = regions(); place(ns[0]!, mkPod({ ns: 'other', labels: { app: 'db' } })); return ns; },
    want: { n1: `!${AFF}`, n2: `!${AFF}`, n3: `!${AFF}` },
  },
  {
    name: 'namespaces lists where to look', pod: mkPod({ affinity: [term({ app: 'db' }, 'region', { namespaces: ['other'] })] }),
    nodes: () => { const ns = regions(); place(ns[0]!, mkPod({ ns: 'other', labels: { app: 'db' } })); return ns; },
    want: { n1: null, n2: null, n3: `!${AFF}` },
  },
  {
    name: 'an empty namespaceSelector looks everywhere', pod: mkPod({ affinity: [term({ app: 'db' }, 'region', { namespaceSelector: {} })] }),
    nodes: () => { const ns = regions(); place(ns[2]!, mkPod({ ns: 'other', labels: { app: 'db' } })); return ns; },
    want: { n1: `!${AFF}`, n2: `!${AFF}`, n3: null },
  },
  {
    name: 'namespaceSelector by namespace labels', pod: mkPod({ affinity: [term({ app: 'db' }, 'region', { namespaceSelector: { matchLabels: { team: 'a' } } })] }),
    nodes: () => { const ns = regions(); place(ns[0]!, mkPod({ ns: 'team-a', labels: { app: 'db' } })); place(ns[2]!, mkPod({ ns: 'team-b', labels: { app: 'db' } })); return ns; },
    lookups: { ...noLookups, namespaceLabels: (ns) => ({ 'team-a': { team: 'a' }, 'team-b': { team: 'b' } })[ns] },
    want: { n1: null, n2: null, n3: `!${AFF}` },
  },
  {
    name: 'matchLabelKeys narrows the selector to the Pod\'s own value', pod: mkPod({ labels: { rev: '2' }, affinity: [term({ app: 'db' }, 'region', { matchLabelKeys: ['rev'] })] }),
    nodes: () => { const ns = regions(); place(ns[0]!, mkPod({ labels: { app: 'db', rev: '1' } })); place(ns[2]!, mkPod({ labels: { app: 'db', rev: '2' } })); return ns; },
    want: { n1: `!${AFF}`, n2: `!${AFF}`, n3: null },
  },
  {
    name: 'required anti-affinity by hostname', pod: mkPod({ anti: [term({ app: 'web' }, host)] }),
    nodes: () => { const ns = regions(); place(ns[0]!, mkPod({ labels: { app: 'web' } })); return ns; },
    want: { n1: ANTI, n2: null, n3: null },
  },
  {
    name: 'required anti-affinity by region', pod: mkPod({ anti: [term({ app: 'web' }, 'region')] }),
    nodes: () => { const ns = regions(); place(ns[0]!, mkPod({ labels: { app: 'web' } })); return ns; },
    want: { n1: ANTI, n2: ANTI, n3: null },
  },
  {
    name: 'anti-affinity passes on a node without the topology key', pod: mkPod({ anti: [term({ app: 'web' }, 'rack')] }),
    nodes: () => { const a = mkNode('n1', { rack: 'a' }); const b = mkNode('n2', {}); place(a, mkPod({ labels: { app: 'web' } })); place(b, mkPod({ labels: { app: 'web' } })); return [a, b]; },
    want: { n1: ANTI, n2: null },
  },
  {
    name: 'an existing Pod\'s anti-affinity keeps the incoming Pod out of its region', pod: mkPod({ labels: { app: 'db' } }),
    nodes: () => { const ns = regions(); place(ns[0]!, mkPod({ anti: [term({ app: 'db' }, 'region')] })); return ns; },
    want: { n1: EXISTING, n2: EXISTING, n3: null },
  },
  {
    name: 'an existing Pod\'s anti-affinity in another namespace does not see this Pod', pod: mkPod({ labels: { app: 'db' } }),
    nodes: () => { const ns = regions(); place(ns[0]!, mkPod({ ns: 'other', anti: [term({ app: 'db' }, 'region')] })); return ns; },
    want: 'skipped',
  },
  {
    name: 'a Pod whose own anti-affinity matches itself spreads one per node', pod: mkPod({ labels: { app: 'web' }, anti: [term({ app: 'web' }, host)] }),
    nodes: () => { const ns = regions(); place(ns[0]!, mkPod({ labels: { app: 'web' }, anti: [term({ app: 'web' }, host)] })); place(ns[1]!, mkPod({ labels: { app: 'web' }, anti: [term({ app: 'web' }, host)] })); return ns; },
    want: { n1: ANTI, n2: ANTI, n3: null },
  },
];

for (const c of affinityCases) {
  test(`InterPodAffinity filter: ${c.name}`, () => {
    const nodes = c.nodes();
    const state = interPodAffinityFilter.preFilter!(podInfo(c.pod), view(nodes, c.lookups));
    if (c.want === 'skipped') return assert.equal(state, null);
    assert.deepEqual(verdicts(interPodAffinityFilter, c.pod, nodes, c.lookups), c.want);
  });
}

test('InterPodAffinity score: preferred terms weigh the domains, existing Pods\' terms count too', () => {
  const withDb = () => { const ns = regions(); place(ns[0]!, mkPod({ labels: { app: 'db' } })); return ns; };
  assert.deepEqual(scores(interPodAffinityScore, mkPod({ preferred: [[5, term({ app: 'db' }, 'region')]] }), withDb()), { n1: 100, n2: 100, n3: 0 });
  assert.deepEqual(scores(interPodAffinityScore, mkPod({ preferredAnti: [[5, term({ app: 'db' }, 'region')]] }), withDb()), { n1: 0, n2: 0, n3: 100 });
  // Two db Pods on n1 outweigh one on n3 for a preferred affinity term by hostname.
  const ns = regions();
  place(ns[0]!, mkPod({ labels: { app: 'db' } }), mkPod({ labels: { app: 'db' } }));
  place(ns[2]!, mkPod({ labels: { app: 'db' } }));
  assert.deepEqual(scores(interPodAffinityScore, mkPod({ preferred: [[1, term({ app: 'db' }, host)]] }), ns), { n1: 100, n2: 0, n3: 50 });
  // Symmetry: an existing Pod's preferred anti-affinity pushes the incoming Pod away, its required affinity draws it (weight 1).
  const sym = regions();
  place(sym[0]!, mkPod({ preferredAnti: [[10, term({ app: 'web' }, 'region')]] }));
  place(sym[2]!, mkPod({ affinity: [term({ app: 'web' }, 'region')] }));
  assert.deepEqual(scores(interPodAffinityScore, mkPod({ labels: { app: 'web' } }), sym), { n1: 0, n2: 0, n3: 100 });
  assert.equal(scores(interPodAffinityScore, mkPod({ labels: { app: 'web' } }), regions()), null);
});

// Four nodes over two zones: n1, n2 in zone a; n3, n4 in zone b.
const zones = () => [mkNode('n1', { [zone]: 'a' }), mkNode('n2', { [zone]: 'a' }), mkNode('n3', { [zone]: 'b' }), mkNode('n4', { [zone]: 'b' })];
const foo = (o: PodOpts = {}) => mkPod({ labels: { app: 'foo' }, ...o });
/** zone a holds two foo Pods (on n1), zone b one (on n3). */
const twoOne = () => { const ns = zones(); place(ns[0]!, foo(), foo()); place(ns[2]!, foo()); return ns; };

const SKEW = "node(s) didn't match pod topology spread constraints";

const spreadCases: { name: string; pod: Pod; nodes: () => NodeInfo[]; want: Record<string, string | null> | 'skipped' }[] = [
  { name: 'no constraints: skipped', pod: foo(), nodes: twoOne, want: 'skipped' },
  { name: 'ScheduleAnyway only: no filter', pod: foo({ spread: [spread(1, zone, { app: 'foo' }, { whenUnsatisfiable: 'ScheduleAnyway' })] }), nodes: twoOne, want: 'skipped' },
  { name: 'maxSkew 1 by zone: only the emptier zone', pod: foo({ spread: [spread(1, zone, { app: 'foo' })] }), nodes: twoOne, want: { n1: SKEW, n2: SKEW, n3: null, n4: null } },
  { name: 'maxSkew 2 by zone: either zone', pod: foo({ spread: [spread(2, zone, { app: 'foo' })] }), nodes: twoOne, want: { n1: null, n2: null, n3: null, n4: null } },
  { name: 'by hostname: only the empty nodes', pod: foo({ spread: [spread(1, host, { app: 'foo' })] }), nodes: twoOne, want: { n1: SKEW, n2: null, n3: SKEW, n4: null } },
  { name: 'a Pod its selector does not pick adds nothing to the skew', pod: mkPod({ labels: { app: 'bar' }, spread: [spread(1, zone, { app: 'foo' })] }), nodes: twoOne, want: { n1: null, n2: null, n3: null, n4: null } },
  {
    name: 'a node without the key fails, unresolvably', pod: foo({ spread: [spread(1, zone, { app: 'foo' })] }),
    nodes: () => [...zones(), mkNode('bare', {})], want: { n1: null, n2: null, n3: null, n4: null, bare: `!${SKEW} (missing required label)` },
  },
  {
    name: 'minDomains above the domain count makes the minimum 0', pod: foo({ spread: [spread(1, zone, { app: 'foo' }, { minDomains: 3 })] }),
    nodes: twoOne, want: { n1: SKEW, n2: SKEW, n3: SKEW, n4: SKEW },
  },
  {
    name: 'minDomains met: the usual minimum', pod: foo({ spread: [spread(1, zone, { app: 'foo' }, { minDomains: 2 })] }),
    nodes: twoOne, want: { n1: SKEW, n2: SKEW, n3: null, n4: null },
  },
  {
    name: 'nodeAffinityPolicy Honor: nodes the Pod may not use do not count', pod: foo({ nodeSelector: { [zone]: 'a' }, spread: [spread(1, zone, { app: 'foo' })] }),
    nodes: twoOne, want: { n1: null, n2: null, n3: null, n4: null },
  },
  {
    name: 'nodeAffinityPolicy Ignore: they count', pod: foo({ nodeSelector: { [zone]: 'a' }, spread: [spread(1, zone, { app: 'foo' }, { nodeAffinityPolicy: 'Ignore' })] }),
    nodes: twoOne, want: { n1: SKEW, n2: SKEW, n3: null, n4: null },
  },
  {
    name: 'nodeTaintsPolicy Honor: tainted nodes do not count',
    pod: foo({ spread: [spread(1, zone, { app: 'foo' }, { nodeTaintsPolicy: 'Honor' })] }),
    nodes: () => { const ns = [mkNode('n1', { [zone]: 'a' }), mkNode('n2', { [zone]: 'a' }), mkNode('n3', { [zone]: 'b' }, { taints: [{ key: 'k', effect: 'NoSchedule' }] })]; place(ns[0]!, foo()); place(ns[2]!, foo(), foo()); return ns; },
    want: { n1: null, n2: null, n3: null },
  },
  {
    name: 'nodeTaintsPolicy Ignore (default): tainted nodes count',
    pod: foo({ spread: [spread(1, zone, { app: 'foo' })] }),
    nodes: () => { const ns = [mkNode('n1', { [zone]: 'a' }), mkNode('n2', { [zone]: 'a' }), mkNode('n3', { [zone]: 'b' }, { taints: [{ key: 'k', effect: 'NoSchedule' }] })]; place(ns[0]!, foo()); place(ns[2]!, foo(), foo()); return ns; },
    want: { n1: null, n2: null, n3: SKEW },
  },
  {
    name: 'Pods of other namespaces and Pods being deleted do not count', pod: foo({ spread: [spread(1, zone, { app: 'foo' })] }),
    nodes: () => { const ns = zones(); place(ns[0]!, foo(), foo({ ns: 'other' }), foo({ deleting: true })); return ns; },
    want: { n1: SKEW, n2: SKEW, n3: null, n4: null },
  },
  {
    name: 'matchLabelKeys: only the Pod\'s own revision counts', pod: mkPod({ labels: { app: 'foo', rev: '2' }, spread: [spread(1, zone, { app: 'foo' }, { matchLabelKeys: ['rev'] })] }),
    nodes: () => { const ns = zones(); place(ns[0]!, mkPod({ labels: { app: 'foo', rev: '1' } }), mkPod({ labels: { app: 'foo', rev: '1' } })); place(ns[2]!, mkPod({ labels: { app: 'foo', rev: '2' } })); return ns; },
    want: { n1: null, n2: null, n3: SKEW, n4: SKEW },
  },
  {
    name: 'constraints are ANDed', pod: foo({ spread: [spread(1, zone, { app: 'foo' }), spread(1, host, { app: 'foo' })] }),
    nodes: () => { const ns = zones(); place(ns[0]!, foo()); place(ns[2]!, foo()); return ns; },
    want: { n1: SKEW, n2: null, n3: SKEW, n4: null },
  },
];

for (const c of spreadCases) {
  test(`PodTopologySpread filter: ${c.name}`, () => {
    const nodes = c.nodes();
    const state = podTopologySpreadFilter.preFilter!(podInfo(c.pod), view(nodes));
    if (c.want === 'skipped') return assert.equal(state, null);
    assert.deepEqual(verdicts(podTopologySpreadFilter, c.pod, nodes), c.want);
  });
}

test('PodTopologySpread score: fewer matching Pods in the domain scores higher; nodes without the key score 0', () => {
  const pod = foo({ spread: [spread(1, zone, { app: 'foo' }, { whenUnsatisfiable: 'ScheduleAnyway' })] });
  const s = scores(podTopologySpreadScore, pod, twoOne())!;
  assert.ok(s.n3! > s.n1!, JSON.stringify(s));
  assert.equal(s.n3, 100);
  assert.equal(s.n1, s.n2);
  const withBare = scores(podTopologySpreadScore, pod, [...twoOne(), mkNode('bare', {})])!;
  assert.equal(withBare.bare, 0);
  const byHost = scores(podTopologySpreadScore, foo({ spread: [spread(1, host, { app: 'foo' }, { whenUnsatisfiable: 'ScheduleAnyway' })] }), twoOne())!;
  assert.ok(byHost.n2! > byHost.n3! && byHost.n3! > byHost.n1!, JSON.stringify(byHost));
});

test('PodTopologySpread defaults: only for a Pod its ReplicaSet selects, by hostname and zone', () => {
  const rsSelector: LabelSelectorSpec = { matchLabels: { app: 'foo' } };
  const lookups: ClusterLookups = { ...noLookups, ownerSelector: (p) => (p.controller?.name === 'rs' ? rsSelector : undefined) };
  assert.equal(scores(podTopologySpreadScore, foo(), twoOne(), lookups), null, 'a bare Pod gets no default spreading');
  const s = scores(podTopologySpreadScore, foo({ owner: 'rs' }), twoOne(), lookups)!;
  assert.ok(s.n4! > s.n2! && s.n2! > s.n1!, JSON.stringify(s));
  // Explicit constraints replace the defaults, even DoNotSchedule ones (which do not score).
  assert.equal(scores(podTopologySpreadScore, foo({ owner: 'rs', spread: [spread(1, zone, { app: 'foo' })] }), twoOne(), lookups), null);
  // A node without a zone still spreads by hostname under the defaults.
  const bare = scores(podTopologySpreadScore, foo({ owner: 'rs' }), [...twoOne(), mkNode('bare', {})], lookups)!;
  assert.ok(bare.bare! > 0);
});

test('NodeResourcesFit counts extended resources', () => {
  const fit = (pod: Pod, node: NodeInfo) => nodeResourcesFit.filter(podInfo(pod), node, undefined)?.reasons.join(', ') ?? null;
  assert.equal(fit(mkPod({ dongles: '2' }), mkNode('none', {})), 'Insufficient example.com/dongle');
  assert.equal(fit(mkPod({ dongles: '2' }), mkNode('one', {}, { dongles: '1' })), 'Insufficient example.com/dongle');
  assert.equal(fit(mkPod({ dongles: '2' }), mkNode('four', {}, { dongles: '4' })), null);
  const used = place(mkNode('used', {}, { dongles: '4' }), mkPod({ dongles: '3' }));
  assert.equal(fit(mkPod({ dongles: '2' }), used), 'Insufficient example.com/dongle');
  used.removePod([...used.pods.keys()][0]!);
  assert.equal(fit(mkPod({ dongles: '2' }), used), null);
  assert.equal(fit(mkPod(), mkNode('none', {})), null, 'a Pod asking for none fits anywhere');
  const init = mkPod({ dongles: '1' });
  init.spec.initContainers = [{ name: 'i', resources: { limits: { 'example.com/dongle': '3' } } }];
  assert.equal(podInfo(init).requests.scalar.get('example.com/dongle'), 3, 'init containers count at their peak');
});

test('FailedScheduling messages as kube-scheduler words them', () => {
  const web = () => mkPod({ labels: { app: 'web' }, anti: [term({ app: 'web' }, host)] });
  const nodes = regions();
  const algo = new Algorithm();
  for (const n of nodes) place(n, web());
  const anti = algo.schedule(podInfo(web()), nodes);
  assert.ok(!anti.ok);
  assert.equal(anti.message, "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.");
  const lonely = algo.schedule(podInfo(mkPod({ affinity: [term({ app: 'nothing' }, host)] })), regions());
  assert.ok(!lonely.ok);
  assert.equal(lonely.message, "0/3 nodes are available: 3 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
  const dongle = algo.schedule(podInfo(mkPod({ dongles: '1' })), regions());
  assert.ok(!dongle.ok);
  assert.equal(dongle.message, '0/3 nodes are available: 3 Insufficient example.com/dongle. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
  const placed = algo.schedule(podInfo(mkPod({ affinity: [term({ app: 'web' }, 'region')] })), nodes);
  assert.ok(placed.ok);
});

test('memoized per-node counts agree with a fresh count as Pods come and go (seeded)', () => {
  const seed = process.env.CI ? 7 : Date.now() % 100_000;
  const rnd = prng(seed);
  const apps = ['a', 'b', 'c'];
  const mkRandom = () => mkPod({
    ns: rnd.pick(['default', 'other']),
    labels: { app: rnd.pick(apps) },
    ...(rnd.chance(0.3) ? { anti: [term({ app: rnd.pick(apps) }, rnd.pick([host, zone]))] } : {}),
    ...(rnd.chance(0.3) ? { preferred: [[rnd.int(10) + 1, term({ app: rnd.pick(apps) }, zone)] as [number, PodAffinityTerm]] } : {}),
  });
  const live = zones();
  const placedOn = new Map<string, NodeInfo>();
  for (let step = 0; step < 300; step++) {
    if (placedOn.size && rnd.chance(0.3)) {
      const key = rnd.pick([...placedOn.keys()]);
      placedOn.get(key)!.removePod(key);
      placedOn.delete(key);
    } else {
      const p = mkRandom();
      const n = rnd.pick(live);
      n.addPod(podInfo(p));
      placedOn.set(podInfo(p).key, n);
    }
    const probe = mkPod({ labels: { app: rnd.pick(apps) }, anti: [term({ app: rnd.pick(apps) }, zone)], spread: [spread(1, host, { app: rnd.pick(apps) })], preferred: [[3, term({ app: rnd.pick(apps) }, host)]] });
    // The same Pods on fresh NodeInfos: nothing memoized.
    const fresh = live.map((n) => {
      const f = mkNode(n.name, { [zone]: n.labels[zone]! });
      for (const p of n.pods.values()) f.addPod(p);
      return f;
    });
    for (const plugin of [interPodAffinityFilter, podTopologySpreadFilter]) {
      assert.deepEqual(verdicts(plugin, probe, live), verdicts(plugin, probe, fresh), `seed ${seed}, step ${step}, ${plugin.name}`);
    }
    assert.deepEqual(scores(interPodAffinityScore, probe, live), scores(interPodAffinityScore, probe, fresh), `seed ${seed}, step ${step}`);
  }
});

test('terms that differ only in their namespaceSelector do not share memoized counts', () => {
  const nodes = regions();
  place(nodes[0]!, mkPod({ ns: 'team-a', labels: { app: 'db' } }));
  const lookups: ClusterLookups = { ...noLookups, namespaceLabels: (ns) => (ns === 'team-a' ? { team: 'a' } : undefined) };
  const plain = mkPod({ affinity: [term({ app: 'db' }, 'region')] });
  const bySelector = mkPod({ affinity: [term({ app: 'db' }, 'region', { namespaces: ['default'], namespaceSelector: { matchLabels: { team: 'a' } } })] });
  assert.deepEqual(verdicts(interPodAffinityFilter, plain, nodes, lookups), { n1: `!${AFF}`, n2: `!${AFF}`, n3: `!${AFF}` });
  assert.deepEqual(verdicts(interPodAffinityFilter, bySelector, nodes, lookups), { n1: null, n2: null, n3: `!${AFF}` });
});

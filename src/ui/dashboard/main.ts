// The dashboard's pages, routed by the URL's hash: the cluster (#/), a namespace (#/ns/NS), a Pod
// (#/pod/NS/NAME) and a node (#/node/NAME). Everything shown is live: lists are watched, not polled.

import { h, render, type ComponentChildren, type FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CoreEvent, Lease, Node, Pod } from '../../api/types.js';
import { execRefusal, useLiveList, useLiveObject } from './api.js';
import { LogView } from './logs.js';
import { JourneyView } from './journeyView.js';
import { PodList } from './podList.js';
import { age, cpuMillis, memBytes, phaseOf, podRequests, statusClass, statusOf } from './format.js';
import './style.css';

const link = (href: string, text: ComponentChildren) => h('a', { href }, text);

function useHash(): string {
  const [hash, setHash] = useState(location.hash || '#/');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function table(head: string[], rows: ComponentChildren[][], testid?: string) {
  return h('div', { class: 'scroll' }, h('table', { 'data-testid': testid }, h('thead', null, h('tr', null, head.map((c) => h('th', null, c)))), h('tbody', null, rows.map((r) => h('tr', null, r.map((c) => h('td', null, c)))))));
}

function PhaseCounts({ pods }: { pods: Pod[] }) {
  const counts = new Map<string, number>();
  for (const p of pods) counts.set(phaseOf(p), (counts.get(phaseOf(p)) ?? 0) + 1);
  return h('div', { class: 'counts' }, [...counts].map(([k, n]) => h('span', { class: `phase ${k}` }, `${k} ${n}`)));
}

function ClusterPage() {
  const nodes = useLiveList<Node>('/api/v1/nodes');
  const pods = useLiveList<Pod>('/api/v1/pods');
  // The Pods that hold a node's resources, found in one pass over the Pods, not one per node.
  const onNode = new Map<string, Pod[]>();
  for (const p of pods.items) {
    if (!p.spec.nodeName || ['Succeeded', 'Failed'].includes(p.status?.phase ?? '')) continue;
    (onNode.get(p.spec.nodeName) ?? onNode.set(p.spec.nodeName, []).get(p.spec.nodeName)!).push(p);
  }
  const nodeRows = nodes.items.map((n) => {
    const on = onNode.get(n.metadata.name!) ?? [];
    const req = on.reduce((a, p) => ({ cpu: a.cpu + podRequests(p).cpu, mem: a.mem + podRequests(p).mem }), { cpu: 0, mem: 0 });
    const alloc = n.status?.allocatable ?? {};
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    return [
      link(`#/node/${n.metadata.name}`, n.metadata.name),
      h('span', { class: ready ? 'ok' : 'bad' }, ready ? 'Ready' : 'NotReady'),
      `${(req.cpu / 1000).toFixed(2)} / ${(cpuMillis(alloc.cpu) / 1000).toFixed(2)}`,
      `${(req.mem / 2 ** 20).toFixed(0)} / ${(memBytes(alloc.memory) / 2 ** 20).toFixed(0)} Mi`,
      `${on.length} / ${alloc.pods ?? '?'}`,
    ];
  });
  useEffect(() => {
    // The first paint with Pods, as a User Timing mark (the scale test reads it; so can DevTools).
    if (pods.items.length > 0 && performance.getEntriesByName('berth:pods-painted').length === 0) performance.mark('berth:pods-painted');
  }, [pods.items.length > 0]);
  const namespaces = [...new Set(pods.items.map((p) => p.metadata.namespace ?? 'default'))].sort();
  return h('main', null,
    h('h1', null, 'Cluster'),
    nodes.error && h('p', { class: 'bad' }, nodes.error),
    h('h2', null, 'Nodes'),
    table(['node', 'status', 'cpu requested / allocatable', 'memory', 'pods'], nodeRows, 'nodes'),
    h('h2', null, `Pods (${pods.items.length})`),
    h(PhaseCounts, { pods: pods.items }),
    h('p', null, 'Namespaces: ', namespaces.map((ns) => h('span', null, link(`#/ns/${ns}`, ns), ' '))),
    pods.loaded ? h(PodList, { pods: pods.items }) : h('p', null, 'loading…'),
  );
}

function NamespacePage({ ns }: { ns: string }) {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const [label, setLabel] = useState(params.get('label') ?? '');
  const [phase, setPhase] = useState(params.get('phase') ?? '');
  const [applied, setApplied] = useState(label);
  const pods = useLiveList<Pod>(`/api/v1/namespaces/${ns}/pods${applied ? `?labelSelector=${encodeURIComponent(applied)}` : ''}`);
  const shown = pods.items.filter((p) => !phase || phaseOf(p) === phase);
  return h('main', null,
    h('h1', null, `Namespace ${ns}`),
    h('form', { class: 'filters', onSubmit: (e: Event) => { e.preventDefault(); setApplied(label); } },
      h('input', { placeholder: 'label selector, e.g. app=web', value: label, onInput: (e: Event) => setLabel((e.target as HTMLInputElement).value) }),
      h('select', { value: phase, onChange: (e: Event) => setPhase((e.target as HTMLSelectElement).value) },
        ['', 'Pending', 'Running', 'Succeeded', 'Failed', 'Unknown', 'Terminating'].map((p) => h('option', { value: p }, p || 'any phase'))),
      h('button', { type: 'submit' }, 'filter')),
    pods.error && h('p', { class: 'bad' }, pods.error),
    h(PhaseCounts, { pods: shown }),
    h(PodList, { pods: shown, empty: applied || phase ? 'No Pods match the filter.' : 'No Pods in this namespace.' }),
  );
}

type TerminalProps = { ns: string; pod: string; container: string };

/** The terminal (xterm.js, most of the code) loads only when a Pod page needs it. */
function LazyTerminal(props: TerminalProps) {
  const [View, setView] = useState<FunctionComponent<TerminalProps> | undefined>(undefined);
  useEffect(() => {
    void import('./terminal.js').then((m) => setView(() => m.TerminalView));
  }, []);
  return View ? h(View, props) : h('p', null, 'loading the terminal…');
}

/** The terminal, offered only to a caller the API server lets exec, and only once the Pod runs. */
function Shell({ running, ...props }: TerminalProps & { running: boolean }) {
  const [refusal, setRefusal] = useState<string | undefined | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    execRefusal(props.ns, props.pod, props.container, abort.signal).then(setRefusal, () => undefined);
    return () => abort.abort();
  }, [props.ns, props.pod, props.container]);
  if (refusal === null) return h('p', null, 'asking the API server whether you may open a shell…');
  if (refusal) return h('p', { 'data-testid': 'no-shell' }, `No shell: the API server says you may not exec here (${refusal}).`);
  return running ? h(LazyTerminal, props) : h('p', null, 'a shell opens once the Pod is Running');
}

function PodPage({ ns, name }: { ns: string; name: string }) {
  const { item: pod, error, removedAt } = useLiveObject<Pod>(`/api/v1/namespaces/${ns}/pods`, name);
  const uid = pod?.metadata.uid;
  const events = useLiveList<CoreEvent>(uid ? `/api/v1/namespaces/${ns}/events?fieldSelector=${encodeURIComponent(`involvedObject.uid=${uid}`)}` : undefined);
  const nodeName = pod?.spec.nodeName;
  const node = useLiveObject<Node>(nodeName ? '/api/v1/nodes' : undefined, nodeName ?? '').item;
  const lease = useLiveObject<Lease>(nodeName ? '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases' : undefined, nodeName ?? '').item;
  if (!pod) return h('main', null, h('h1', null, `Pod ${ns}/${name}`), h('p', { class: error ? 'bad' : '' }, error ? `cannot read the Pod: ${error}` : 'waiting for the Pod…'));
  const st = pod.status ?? {};
  const statuses = [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])];
  const evs = [...events.items].sort((a, b) => (a.eventTime ?? a.firstTimestamp ?? '').localeCompare(b.eventTime ?? b.firstTimestamp ?? ''));
  return h('main', null,
    h('h1', null, `Pod ${ns}/${name} `, h('span', { class: `phase ${removedAt ? 'Removed' : statusClass(pod)}`, 'data-testid': 'pod-phase' }, removedAt ? 'Removed' : statusOf(pod))),
    h('p', null, 'node: ', nodeName ? link(`#/node/${nodeName}`, nodeName) : '—', ` · IP ${st.podIP ?? '—'} · created ${age(pod.metadata.creationTimestamp)} ago`),
    h(JourneyView, { pod, events: events.items, node, lease, removedAt }),
    h('h2', null, 'Conditions'),
    table(['type', 'status', 'since', 'reason'], (st.conditions ?? []).map((c) => [c.type, c.status, age(c.lastTransitionTime ?? undefined), c.reason ?? ''])),
    h('h2', null, 'Containers'),
    table(['container', 'image', 'state', 'ready', 'restarts'], statuses.map((c) => [c.name, c.image, Object.keys(c.state ?? {})[0] ?? '', String(c.ready), String(c.restartCount)])),
    h('h2', null, 'Events'),
    table(['type', 'reason', 'age', 'from', 'message'], evs.map((e) => [e.type ?? '', e.reason ?? '', age(e.eventTime ?? e.lastTimestamp), e.reportingComponent ?? e.source?.component ?? '', e.message ?? '']), 'events'),
    h('h2', null, 'Logs'),
    h(LogView, { ns, pod: name, containers: pod.spec.containers.map((c) => c.name), instance: (st.containerStatuses ?? []).map((c) => c.containerID ?? '').join(','), key: uid }),
    h('h2', null, 'Terminal'),
    h(Shell, { ns, pod: name, container: pod.spec.containers[0].name, running: st.phase === 'Running' }),
    h('details', null, h('summary', null, 'spec'), h('pre', null, JSON.stringify(pod.spec, null, 2))),
  );
}

function NodePage({ name }: { name: string }) {
  const { item: node, error } = useLiveObject<Node>('/api/v1/nodes', name);
  const lease = useLiveObject<Lease>('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', name).item;
  const pods = useLiveList<Pod>(`/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${name}`)}`);
  const [, tick] = useState(0);
  useEffect(() => {
    // Only the clock moves here: the lease's age is recomputed, nothing is fetched.
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, []);
  return h('main', null,
    h('h1', null, `Node ${name}`),
    error && h('p', { class: 'bad' }, `cannot read the node: ${error}`),
    h('p', { 'data-testid': 'lease' }, `lease renewed ${age(lease?.spec?.renewTime)} ago`),
    h('h2', null, 'Conditions'),
    table(['type', 'status', 'heartbeat', 'message'], (node?.status?.conditions ?? []).map((c) => [c.type, c.status, `${age(c.lastHeartbeatTime ?? undefined)} ago`, c.message ?? ''])),
    h('h2', null, 'Capacity'),
    table(['resource', 'capacity', 'allocatable'], Object.keys(node?.status?.capacity ?? {}).map((k) => [k, node!.status!.capacity![k], node!.status!.allocatable?.[k] ?? ''])),
    h('h2', null, `Pods (${pods.items.length})`),
    h(PodList, { pods: pods.items }),
  );
}

function App() {
  const hash = useHash();
  const [path] = hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  let page;
  if (parts[0] === 'ns' && parts[1]) page = h(NamespacePage, { ns: parts[1], key: parts[1] });
  else if (parts[0] === 'pod' && parts[2]) page = h(PodPage, { ns: parts[1], name: parts[2], key: `${parts[1]}/${parts[2]}` });
  else if (parts[0] === 'node' && parts[1]) page = h(NodePage, { name: parts[1], key: parts[1] });
  else page = h(ClusterPage, null);
  return h('div', null, h('nav', null, link('#/', 'berth'), ' · ', link('#/ns/default', 'default')), page);
}

const root = document.getElementById('app')!;
root.textContent = '';
render(h(App, null), root);

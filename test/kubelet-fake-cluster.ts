// An in-memory KubeletCluster: enough of the API for the kubelet beneath it, with the test holding
// the pen (create, delete gracefully) and reading what the kubelet wrote (status, events, node, lease).

import type { CoreEvent, Lease, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodStatus, Service, TokenRequest } from '../src/api/types.js';
import { notFound } from '../src/api/errors.js';
import type { ConfigData, KubeletCluster, PodEventType, PodHandler } from '../src/kubelet/cluster.js';

export interface RecordedEvent { pod: string; namespace: string; uid: string; type: string; reason: string; message: string; fieldPath?: string }

export class FakeCluster implements KubeletCluster {
  readonly pods = new Map<string, Pod>();
  readonly events: RecordedEvent[] = [];
  readonly configMaps = new Map<string, ConfigData>();
  readonly secrets = new Map<string, ConfigData>();
  readonly claims = new Map<string, PersistentVolumeClaim>();
  readonly volumes = new Map<string, PersistentVolume>();
  readonly statusPatches: PodStatus[] = [];
  /** The cluster's Services, as the test sets them. */
  services: Service[] = [];
  node: Node | undefined;
  lease: Lease | undefined;
  #handlers = new Set<PodHandler>();

  #emit(type: PodEventType, pod: Pod): void {
    for (const h of this.#handlers) h(type, structuredClone(pod));
  }

  async watchPods(nodeName: string, handler: PodHandler, signal: AbortSignal): Promise<void> {
    const filtered: PodHandler = (t, p) => { if (p.spec.nodeName === nodeName) handler(t, p); };
    this.#handlers.add(filtered);
    signal.addEventListener('abort', () => this.#handlers.delete(filtered), { once: true });
    for (const p of this.pods.values()) filtered('ADDED', structuredClone(p));
  }

  create(pod: Pod): void {
    this.pods.set(pod.metadata.uid!, pod);
    this.#emit('ADDED', pod);
  }

  /** What the API server does on DELETE with a grace period: mark, and let the kubelet finish. */
  markDeleted(uid: string, graceSeconds: number): void {
    const pod = this.pods.get(uid)!;
    pod.metadata.deletionTimestamp = new Date().toISOString();
    pod.metadata.deletionGracePeriodSeconds = graceSeconds;
    this.#emit('MODIFIED', pod);
  }

  get(uid: string): Pod | undefined {
    return this.pods.get(uid);
  }

  byName(namespace: string, name: string): Pod | undefined {
    return [...this.pods.values()].find((p) => p.metadata.namespace === namespace && p.metadata.name === name);
  }

  /** A user's update of the Pod (labels, annotations): the kubelet sees it as MODIFIED. */
  update(pod: Pod): void {
    this.pods.set(pod.metadata.uid!, pod);
    this.#emit('MODIFIED', pod);
  }

  async patchPodStatus(_ns: string, _name: string, uid: string, status: PodStatus): Promise<void> {
    const pod = this.pods.get(uid);
    if (!pod) throw notFound('pods', _name);
    pod.status = structuredClone(status);
    this.statusPatches.push(pod.status);
    this.#emit('MODIFIED', pod);
  }

  /** As the API with a uid precondition: a Pod already gone, or replaced by another uid, is left alone. */
  async deletePod(_ns: string, _name: string, uid: string): Promise<void> {
    const pod = this.pods.get(uid);
    if (!pod) return;
    this.pods.delete(uid);
    this.#emit('DELETED', pod);
  }

  async listServices(): Promise<Service[]> {
    return structuredClone(this.services);
  }

  async getConfigMap(ns: string, name: string): Promise<ConfigData | null> {
    return this.configMaps.get(`${ns}/${name}`) ?? null;
  }

  async getSecret(ns: string, name: string): Promise<ConfigData | null> {
    return this.secrets.get(`${ns}/${name}`) ?? null;
  }

  async getPersistentVolumeClaim(ns: string, name: string): Promise<PersistentVolumeClaim | null> {
    return this.claims.get(`${ns}/${name}`) ?? null;
  }

  async getPersistentVolume(name: string): Promise<PersistentVolume | null> {
    return this.volumes.get(name) ?? null;
  }

  /** Every token request, in order; each answer is `token-<n>`, valid for the seconds asked from `now()`. */
  readonly tokenRequests: { namespace: string; name: string; spec: TokenRequest['spec'] }[] = [];
  now: () => number = Date.now;

  async requestServiceAccountToken(namespace: string, name: string, spec: TokenRequest['spec']): Promise<NonNullable<TokenRequest['status']>> {
    this.tokenRequests.push({ namespace, name, spec });
    return { token: `token-${this.tokenRequests.length}`, expirationTimestamp: new Date(this.now() + (spec.expirationSeconds ?? 3600) * 1000).toISOString() };
  }

  readonly #objectWatches = new Map<string, Set<() => void>>();

  watchObject(kind: 'ConfigMap' | 'Secret', ns: string, name: string, onChange: () => void, signal: AbortSignal): void {
    const key = `${kind}/${ns}/${name}`;
    const set = this.#objectWatches.get(key) ?? new Set();
    this.#objectWatches.set(key, set.add(onChange));
    signal.addEventListener('abort', () => set.delete(onChange), { once: true });
  }

  /** Replace (or, with null, delete) a ConfigMap or Secret and tell its watchers. */
  setObject(kind: 'ConfigMap' | 'Secret', ns: string, name: string, data: ConfigData | null): void {
    const store = kind === 'Secret' ? this.secrets : this.configMaps;
    if (data) store.set(`${ns}/${name}`, data);
    else store.delete(`${ns}/${name}`);
    for (const f of this.#objectWatches.get(`${kind}/${ns}/${name}`) ?? []) f();
  }

  /** How many ConfigMaps and Secrets are watched now. */
  get objectWatchCount(): number {
    return [...this.#objectWatches.values()].reduce((n, s) => n + s.size, 0);
  }

  recordEvent(pod: Pod, type: NonNullable<CoreEvent['type']>, reason: string, message: string, fieldPath?: string): void {
    const m = pod.metadata;
    this.events.push({ pod: m.name ?? '', namespace: m.namespace ?? 'default', uid: m.uid ?? '', type, reason, message, ...(fieldPath ? { fieldPath } : {}) });
  }

  /** As the agent's: create, or keep an existing Node (and its status) and only update its labels. */
  async registerNode(node: Node): Promise<Node> {
    this.node = this.node
      ? { ...this.node, metadata: { ...this.node.metadata, labels: structuredClone(node.metadata.labels) } }
      : { ...structuredClone(node), metadata: { ...node.metadata, uid: 'node-uid' } };
    return structuredClone(this.node);
  }

  async getNode(name: string): Promise<Node | null> {
    return this.node?.metadata.name === name ? structuredClone(this.node) : null;
  }

  async updateNodeStatus(_name: string, status: NonNullable<Node['status']>): Promise<void> {
    this.node!.status = structuredClone(status);
  }

  async renewLease(lease: Lease): Promise<void> {
    this.lease = structuredClone(lease);
  }

  reasons(podName: string): string[] {
    return this.events.filter((e) => e.pod === podName).map((e) => e.reason);
  }
}

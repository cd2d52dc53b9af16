// The kubelet's view of the cluster (kubelet/cluster.ts) over the REST client: an informer on the
// Pods bound to this node (or a share of one informer for many nodes), status patches, events, node
// registration and the lease.

import { isApiError } from '../../api/errors.js';
import type { ConfigMapLike, CoreEvent, Lease, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodStatus, Service, TokenRequest } from '../../api/types.js';
import { EventRecorder } from '../../client/events.js';
import { Informer, stripManagedFields } from '../../client/informer.js';
import { configMaps, leases, nodes, persistentVolumeClaims, persistentVolumes, pods, secrets, serviceAccounts, services } from '../../client/resources.js';
import type { RestClient } from '../../client/rest.js';
import type { ConfigData, KubeletCluster, PodHandler } from '../../kubelet/cluster.js';
import type { SharedNodePods } from './node-pods.js';
import type { SharedObjectWatches } from './shared-objects.js';


function decodeData(obj: ConfigMapLike, base64Values: boolean): ConfigData {
  const data: Record<string, Buffer> = {};
  for (const [k, v] of Object.entries(obj.data ?? {})) data[k] = base64Values ? Buffer.from(v, 'base64') : Buffer.from(v);
  for (const [k, v] of Object.entries(obj.binaryData ?? {})) data[k] = Buffer.from(v, 'base64');
  return { data };
}

/** How long a container start waits for the first list of Services. */
const SERVICES_SYNC_MS = 10_000;

export interface RestKubeletClusterOptions {
  /** Where the Pod watch comes from when many kubelets share one; a watch of its own otherwise. */
  pods?: SharedNodePods;
  /** A Services informer run by the caller for many kubelets (hollow nodes); one of its own otherwise. */
  services?: Informer<Service>;
  /** A Nodes informer run by the caller for many kubelets (hollow nodes): the status check reads the Node from it. */
  nodes?: Informer<Node>;
  /** Watches of mounted ConfigMaps and Secrets shared by many kubelets (hollow nodes), read from their caches. */
  objects?: SharedObjectWatches;
  /**
   * The client of the node's heartbeats (Lease, Node status), on connections of their own, so that a
   * backlog of Pod status writes never holds a renewal past its Lease (hollow nodes); the main one otherwise.
   */
  heartbeat?: RestClient;
  /** Watch failures (each is retried); console.error by default. */
  onError?: (e: unknown) => void;
}

export class RestKubeletCluster implements KubeletCluster {
  readonly #client: RestClient;
  readonly #events: EventRecorder;
  readonly #opts: RestKubeletClusterOptions;
  readonly #nodeName: string;
  #services: { informer: Informer<Service>; signal: AbortSignal } | undefined;
  /** The kubelet's lifetime, from its latest Pod watch: the Services informer of its own stops with it. */
  #lifetime: AbortSignal | undefined;

  constructor(client: RestClient, nodeName: string, opts: RestKubeletClusterOptions = {}) {
    this.#client = client;
    this.#nodeName = nodeName;
    this.#events = new EventRecorder(client, { component: 'kubelet', host: nodeName });
    this.#opts = opts;
  }

  get #heartbeatClient(): RestClient {
    return this.#opts.heartbeat ?? this.#client;
  }

  #onError(nodeName: string, what: string): (e: unknown) => void {
    return this.#opts.onError ?? ((e: unknown) => console.error(`kubelet ${nodeName}: ${what}: ${(e as Error).message}`));
  }

  async watchPods(nodeName: string, handler: PodHandler, signal: AbortSignal): Promise<void> {
    this.#lifetime = signal;
    if (this.#opts.pods) return this.#opts.pods.watch(nodeName, handler, signal);
    const onError = this.#onError(nodeName, 'pod watch');
    const inf = new Informer<Pod>(this.#client, pods, { fieldSelector: `spec.nodeName=${nodeName}`, onError, transform: stripManagedFields });
    inf.addHandlers({
      onAdd: (p) => handler('ADDED', p),
      onUpdate: (_o, p) => handler('MODIFIED', p),
      onDelete: (p) => handler('DELETED', p),
    });
    void inf.run(signal);
    await inf.waitForSync();
  }

  async patchPodStatus(namespace: string, name: string, uid: string, status: PodStatus): Promise<void> {
    // Replace the whole status (a merge patch would keep fields the kubelet dropped), only for this Pod's uid.
    const ops = [
      { op: 'test', path: '/metadata/uid', value: uid },
      { op: 'replace', path: '/status', value: status },
    ];
    await this.#client.patch(pods, namespace, name, 'json', ops, { subresource: 'status', answer: false });
  }

  async deletePod(namespace: string, name: string, uid: string): Promise<void> {
    await this.#client.delete(pods, namespace, name, { gracePeriodSeconds: 0, preconditions: { uid } }).catch((e) => {
      if (!isApiError(e, 'NotFound') && !isApiError(e, 'Conflict')) throw e;
    });
  }

  async getConfigMap(namespace: string, name: string): Promise<ConfigData | null> {
    const watched = this.#opts.objects?.get('ConfigMap', namespace, name);
    if (watched !== undefined) return watched && decodeData(watched, false);
    return this.#client.get<ConfigMapLike>(configMaps, namespace, name).then(
      (cm) => decodeData(cm, false),
      (e) => (isApiError(e, 'NotFound') ? null : Promise.reject(e)),
    );
  }

  async getSecret(namespace: string, name: string): Promise<ConfigData | null> {
    const watched = this.#opts.objects?.get('Secret', namespace, name);
    if (watched !== undefined) return watched && decodeData(watched, true);
    return this.#client.get<ConfigMapLike>(secrets, namespace, name).then(
      (s) => decodeData(s, true),
      (e) => (isApiError(e, 'NotFound') ? null : Promise.reject(e)),
    );
  }

  async getPersistentVolumeClaim(namespace: string, name: string): Promise<PersistentVolumeClaim | null> {
    return this.#client.get<PersistentVolumeClaim>(persistentVolumeClaims, namespace, name).catch((e) => (isApiError(e, 'NotFound') ? null : Promise.reject(e)));
  }

  async getPersistentVolume(name: string): Promise<PersistentVolume | null> {
    return this.#client.get<PersistentVolume>(persistentVolumes, undefined, name).catch((e) => (isApiError(e, 'NotFound') ? null : Promise.reject(e)));
  }

  watchObject(kind: 'ConfigMap' | 'Secret', namespace: string, name: string, onChange: () => void, signal: AbortSignal): void {
    if (this.#opts.objects) return this.#opts.objects.watch(kind, namespace, name, onChange, signal);
    // By name, through a field selector: all the node authorizer lets a kubelet watch.
    const inf = new Informer<ConfigMapLike>(this.#client, kind === 'Secret' ? secrets : configMaps, {
      namespace, fieldSelector: `metadata.name=${name}`, onError: this.#onError(this.#nodeName, `${kind.toLowerCase()} ${namespace}/${name} watch`),
    });
    const changed = (): void => {
      if (inf.hasSynced()) onChange();
    };
    inf.addHandlers({ onAdd: changed, onUpdate: changed, onDelete: changed });
    void inf.run(signal);
  }

  async listServices(): Promise<Service[]> {
    if (!this.#services || this.#services.signal.aborted) {
      const signal = this.#lifetime && !this.#lifetime.aborted ? this.#lifetime : new AbortController().signal;
      const informer = this.#opts.services ?? new Informer<Service>(this.#client, services, { onError: this.#onError(this.#nodeName, 'service watch') });
      if (!this.#opts.services) void informer.run(signal);
      this.#services = { informer, signal };
    }
    const { informer } = this.#services;
    // As the kubelet: no container is started with its Service variables missing because they were never read.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('services have not yet been read at least once, cannot construct envvars')), SERVICES_SYNC_MS);
    });
    try {
      await Promise.race([informer.waitForSync(), timeout]);
    } finally {
      clearTimeout(timer);
    }
    return informer.list();
  }

  async requestServiceAccountToken(namespace: string, name: string, spec: TokenRequest['spec']): Promise<NonNullable<TokenRequest['status']>> {
    const body: TokenRequest = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, spec };
    const tr = await this.#client.create<TokenRequest>(serviceAccounts, namespace, body, { name, subresource: 'token' });
    if (!tr.status?.token) throw new Error(`no token in the answer to a token request for service account ${namespace}/${name}`);
    return tr.status;
  }

  recordEvent(pod: Pod, type: NonNullable<CoreEvent['type']>, reason: string, message: string, fieldPath?: string): void {
    this.#events.event(pod, type, reason, message, { fieldPath });
  }

  async registerNode(node: Node): Promise<Node> {
    try {
      return await this.#client.create<Node>(nodes, undefined, node);
    } catch (e) {
      if (!isApiError(e, 'AlreadyExists')) throw e;
      return this.#client.patch<Node>(nodes, undefined, node.metadata.name!, 'merge', { metadata: { labels: node.metadata.labels ?? {} } });
    }
  }

  async getNode(name: string): Promise<Node | null> {
    const shared = this.#opts.nodes;
    if (shared?.hasSynced()) return shared.get(name) ?? null;
    return this.#heartbeatClient.get<Node>(nodes, undefined, name).catch((e) => (isApiError(e, 'NotFound') ? null : Promise.reject(e)));
  }

  async updateNodeStatus(name: string, status: NonNullable<Node['status']>): Promise<void> {
    await this.#heartbeatClient.patch(nodes, undefined, name, 'merge', { status }, { subresource: 'status' });
  }

  async renewLease(lease: Lease): Promise<void> {
    const name = lease.metadata.name!;
    try {
      await this.#heartbeatClient.update(leases, 'kube-node-lease', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', ...lease, metadata: { name, namespace: 'kube-node-lease' } });
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
      await this.#heartbeatClient.create(leases, 'kube-node-lease', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', ...lease });
    }
  }
}

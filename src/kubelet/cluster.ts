// The whole cluster as the kubelet sees it. The kubelet never imports the client or the API server:
// the composition root adapts the REST client and an informer to this interface, and tests pass an
// in-memory fake, so the same kubelet runs in-process, as `berth agent`, or under test.

import type { CoreEvent, Lease, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodStatus, Service, TokenRequest } from '../api/types.js';

export type PodEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Called for every change to a Pod bound to this node (a relist replays ADDED for every Pod). */
export type PodHandler = (type: PodEventType, pod: Pod) => void;

export interface ConfigData {
  /** Key → bytes: configMap data and binaryData, or secret data already base64-decoded. */
  data: Record<string, Buffer>;
}

export interface KubeletCluster {
  /** Watch Pods with spec.nodeName=nodeName until signal aborts. Resolves once the first list is delivered. */
  watchPods(nodeName: string, handler: PodHandler, signal: AbortSignal): Promise<void>;
  /** Replace status (PATCH pods/<n>/status); rejects with ApiError NotFound when the Pod is gone. */
  patchPodStatus(namespace: string, name: string, uid: string, status: PodStatus): Promise<void>;
  /** Delete for good once its containers are stopped (grace 0, precondition uid). */
  deletePod(namespace: string, name: string, uid: string): Promise<void>;
  /** null when absent. Secret values are returned decoded. */
  getConfigMap(namespace: string, name: string): Promise<ConfigData | null>;
  getSecret(namespace: string, name: string): Promise<ConfigData | null>;
  /** A claim a Pod names, and the volume bound to it (null when absent): what a persistentVolumeClaim volume mounts. */
  getPersistentVolumeClaim(namespace: string, name: string): Promise<PersistentVolumeClaim | null>;
  getPersistentVolume(name: string): Promise<PersistentVolume | null>;
  /**
   * Call onChange whenever the named ConfigMap or Secret is created, changed or deleted after the watch
   * began (not for what it finds at first), until signal aborts. Failures are retried.
   */
  watchObject(kind: 'ConfigMap' | 'Secret', namespace: string, name: string, onChange: () => void, signal: AbortSignal): void;
  /**
   * Every Service in the cluster, as a watch keeps them (for containers' Service environment variables).
   * The first call lists them; later ones answer from the watch.
   */
  listServices(): Promise<Service[]>;
  /** POST serviceaccounts/<name>/token: a token for a Pod's service account (spec.boundObjectRef names the Pod). */
  requestServiceAccountToken(namespace: string, name: string, spec: TokenRequest['spec']): Promise<NonNullable<TokenRequest['status']>>;
  recordEvent(pod: Pod, type: NonNullable<CoreEvent['type']>, reason: string, message: string, fieldPath?: string): void;
  /** Create the Node, or update labels/addresses/capacity of an existing one; returns the stored Node. */
  registerNode(node: Node): Promise<Node>;
  /** The stored Node, null when absent. */
  getNode(name: string): Promise<Node | null>;
  /** PATCH nodes/<n>/status. */
  updateNodeStatus(name: string, status: NonNullable<Node['status']>): Promise<void>;
  /** Create or renew kube-node-lease/<nodeName>. */
  renewLease(lease: Lease): Promise<void>;
}

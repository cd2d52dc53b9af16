// The node authorizer's graph, as upstream keeps it: which node each bound Pod is on, and through
// those Pods which Secrets, ConfigMaps, claims and service accounts each node has reason to read.
// It is an index over the API server's Pod watch cache, updated in the same step that applies a
// Pod event and before any watcher (a kubelet) sees it, so a kubelet that reads a Secret right
// after its Pod arrives is never refused for want of an edge.

import type { Pod } from '../../api/types.js';
import type { CacheEvent, CacheIndex, Entry } from '../watchcache/cache.js';
import { MIRROR_POD_ANNOTATION, visitPodReferences, type ReferencedResource } from './pod-references.js';

export type GraphResource = ReferencedResource | 'pods';

interface PodEdges {
  node: string;
  /** Keys of the objects this Pod links to its node, the Pod itself first. */
  keys: string[];
}

function keyOf(resource: GraphResource, namespace: string, name: string): string {
  return `${resource}\0${namespace}\0${name}`;
}

/** Pods read into the graph per turn of the event loop after a reset: a few milliseconds' work. */
const READ_SLICE = 500;

export class NodeGraph implements CacheIndex {
  /** Per Pod (by cache key): its node and the object keys it contributes. */
  readonly #pods = new Map<string, PodEdges>();
  /** Object key → node → how many of that node's Pods reference it. */
  readonly #nodesOf = new Map<string, Map<string, number>>();
  /**
   * The claim a PersistentVolume is bound to (its claimRef), read from the volumes' store: the volume's
   * edge to a node runs through that claim, as upstream's pv → pvc → pod path.
   */
  volumeClaim: (volume: string) => { namespace: string; name: string } | undefined = () => undefined;
  /**
   * Pods of the last reset not yet read into the graph. A cold start hands over every stored Pod
   * unparsed: they are read in the background, a slice per turn of the event loop, and all at once
   * before any answer, so no decision is ever made on a partial graph.
   */
  #unread = new Map<string, Entry>();
  #reading: NodeJS.Immediate | undefined;

  reset(entries: Iterable<Entry>): void {
    this.#pods.clear();
    this.#nodesOf.clear();
    this.#unread = new Map();
    for (const e of entries) this.#unread.set(e.key, e);
    this.#readSoon();
  }

  apply(ev: CacheEvent): void {
    // The event's state is newer than the one the reset handed over.
    this.#unread.delete(ev.entry.key);
    if (ev.type === 'DELETED') this.#remove(ev.entry.key);
    else this.#set(ev.entry.key, ev.entry.obj as Pod);
  }

  #readSoon(): void {
    if (this.#reading || this.#unread.size === 0) return;
    this.#reading = setImmediate(() => {
      this.#reading = undefined;
      this.#read(READ_SLICE);
      this.#readSoon();
    }).unref();
  }

  /** Reads up to n unread Pods into the graph. */
  #read(n: number): void {
    for (const [key, e] of this.#unread) {
      if (n-- <= 0) return;
      this.#unread.delete(key);
      this.#set(key, e.obj as Pod);
    }
  }

  /** Whether a PersistentVolume is bound to a claim one of the node's Pods names. */
  volumeRelated(node: string, volume: string): boolean {
    const claim = this.volumeClaim(volume);
    return claim !== undefined && this.related(node, 'persistentvolumeclaims', claim.namespace, claim.name);
  }

  /** Whether a path leads from the object to the node: a Pod bound to it, or something such a Pod names. */
  related(node: string, resource: GraphResource, namespace: string, name: string): boolean {
    this.#read(Infinity);
    return (this.#nodesOf.get(keyOf(resource, namespace, name))?.get(node) ?? 0) > 0;
  }

  #set(podKey: string, pod: Pod): void {
    const node = pod.spec?.nodeName;
    // An unbound Pod gives no node anything.
    if (!node) return this.#remove(podKey);
    const ns = pod.metadata.namespace ?? '';
    const keys = [keyOf('pods', ns, pod.metadata.name ?? '')];
    // A mirror Pod is made by its node: it must never grant that node anything more than itself.
    if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] === undefined) {
      visitPodReferences(pod, (resource, name) => keys.push(keyOf(resource, ns, name)));
    }
    const before = this.#pods.get(podKey);
    if (before && before.node === node && before.keys.length === keys.length && before.keys.every((k, i) => k === keys[i])) return;
    this.#remove(podKey);
    this.#pods.set(podKey, { node, keys });
    for (const k of keys) {
      let nodes = this.#nodesOf.get(k);
      if (!nodes) this.#nodesOf.set(k, (nodes = new Map()));
      nodes.set(node, (nodes.get(node) ?? 0) + 1);
    }
  }

  #remove(podKey: string): void {
    const edges = this.#pods.get(podKey);
    if (!edges) return;
    this.#pods.delete(podKey);
    for (const k of edges.keys) {
      const nodes = this.#nodesOf.get(k)!;
      const n = (nodes.get(edges.node) ?? 0) - 1;
      if (n > 0) nodes.set(edges.node, n);
      else nodes.delete(edges.node);
      if (nodes.size === 0) this.#nodesOf.delete(k);
    }
  }
}

// An object's JSON made once per write: the store keeps it without resourceVersion (the store's revision
// is not part of the bytes), and the cache, the writer's response and every watcher read that same text
// with the revision put in, rather than each serialising the object again.

import type { KObject } from '../../api/types.js';

/** An object as stored: its JSON without metadata.resourceVersion, and where its metadata's closing `}` is. */
export interface Serialized {
  text: string;
  metaEnd: number;
}

/**
 * The stored form of obj. apiVersion, kind and metadata come first, as Kubernetes writes them, so the
 * end of metadata is known without searching the text.
 */
export function serialize(obj: KObject): Serialized {
  const { apiVersion, kind, metadata, ...rest } = obj;
  const { resourceVersion: _rv, ...meta } = metadata;
  const head = `{${apiVersion === undefined ? '' : `"apiVersion":${JSON.stringify(apiVersion)},`}${kind === undefined ? '' : `"kind":${JSON.stringify(kind)},`}"metadata":${JSON.stringify(meta)}`;
  const body = JSON.stringify(rest);
  return { text: body === '{}' ? `${head}}` : `${head},${body.slice(1)}`, metaEnd: head.length - 1 };
}

/**
 * The object's JSON as read at revision rev: resourceVersion is metadata's last member, where the cache
 * puts it on an object it parses from the store (decodeStored), so a client reads the same text either way.
 */
export function atRevision(s: Serialized, rev: number): string {
  const at = s.metaEnd;
  return `${s.text.slice(0, at)}${s.text.charCodeAt(at - 1) === 0x7b ? '' : ','}"resourceVersion":"${rev}"${s.text.slice(at)}`;
}

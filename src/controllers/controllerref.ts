// Controller references: the one ownerReference with controller=true that says which controller
// manages an object, and adopting or releasing objects by it (as upstream's ControllerRefManager).
// Writes are compare-and-swap on the resourceVersion, so a concurrent claim by another controller
// makes ours fail and retry rather than overwrite it.

import type { KObject, OwnerReference } from '../api/types.js';
import type { Resource } from '../client/resources.js';
import type { RestClient } from '../client/rest.js';

export function controllerOf(obj: KObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** The reference a controller puts on what it creates: it controls it and blocks its foreground deletion. */
export function controllerRef(owner: KObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** Makes owner the controller of an orphan. */
export async function adopt(client: RestClient, res: Resource, obj: KObject, ref: OwnerReference): Promise<KObject> {
  const refs = [...(obj.metadata.ownerReferences ?? []), ref];
  return client.patch(res, obj.metadata.namespace, obj.metadata.name!, 'merge', { metadata: { ownerReferences: refs, resourceVersion: obj.metadata.resourceVersion } });
}

/** Removes owner's reference from obj (its labels stopped matching). */
export async function release(client: RestClient, res: Resource, obj: KObject, ownerUid: string): Promise<KObject> {
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  return client.patch(res, obj.metadata.namespace, obj.metadata.name!, 'merge', { metadata: { ownerReferences: refs.length ? refs : null, resourceVersion: obj.metadata.resourceVersion } });
}

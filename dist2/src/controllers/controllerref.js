// Controller references: the one ownerReference with controller=true that says which controller
// manages an object, and adopting or releasing objects by it (as upstream's ControllerRefManager).
// Writes are compare-and-swap on the resourceVersion, so a concurrent claim by another controller
// makes ours fail and retry rather than overwrite it.
import { isApiError } from '../api/errors.js';
import { fromLabelSelectorObject, matchLabels } from '../api/selectors/labels.js';
import { ignoreNotFound } from './writes.js';
export function controllerOf(obj) {
    return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}
/** The reference a controller puts on what it creates: it controls it and blocks its foreground deletion. */
export function controllerRef(owner, apiVersion, kind) {
    return { apiVersion, kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}
/** Makes owner the controller of an orphan. */
export async function adopt(client, res, obj, ref) {
    const refs = [...(obj.metadata.ownerReferences ?? []), ref];
    return client.patch(res, obj.metadata.namespace, obj.metadata.name, 'merge', { metadata: { ownerReferences: refs, resourceVersion: obj.metadata.resourceVersion } });
}
/** Removes owner's reference from obj (its labels stopped matching). */
export async function release(client, res, obj, ownerUid) {
    const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
    return client.patch(res, obj.metadata.namespace, obj.metadata.name, 'merge', { metadata: { ownerReferences: refs.length ? refs : null, resourceVersion: obj.metadata.resourceVersion } });
}
/** A workload's selector, or undefined for one that cannot parse (validation keeps those out; a stored one selects nothing). */
export function selectorOf(spec) {
    try {
        return fromLabelSelectorObject(spec);
    }
    catch {
        return undefined;
    }
}
/** The owner as the API has it now is the same object and not being deleted (a cache may lag a deletion). */
async function stillLive(client, res, owner) {
    try {
        const fresh = await client.get(res, owner.metadata.namespace, owner.metadata.name);
        return fresh.metadata.uid === owner.metadata.uid && !fresh.metadata.deletionTimestamp;
    }
    catch (e) {
        if (isApiError(e, 'NotFound'))
            return false;
        throw e;
    }
}
/**
 * The candidates owner controls, after adopting the orphans its selector matches and releasing those
 * whose labels stopped matching (upstream's ClaimPods). ownerRes is where owner lives, to re-read it
 * before the first adoption.
 */
export async function claim(client, res, candidates, owner, ownerRes, ref, selector) {
    const uid = owner.metadata.uid;
    const deleting = !!owner.metadata.deletionTimestamp;
    const owned = [];
    let canAdopt;
    for (const o of candidates) {
        const current = controllerOf(o);
        const matches = !!selector && matchLabels(selector, o.metadata.labels);
        if (current?.uid === uid) {
            if (matches || deleting)
                owned.push(o);
            else if (!o.metadata.deletionTimestamp)
                await ignoreNotFound(release(client, res, o, uid));
        }
        else if (!current && matches && !o.metadata.deletionTimestamp && !deleting) {
            canAdopt ??= await stillLive(client, ownerRes, owner);
            if (!canAdopt)
                continue;
            const adopted = await ignoreNotFound(adopt(client, res, o, ref));
            if (adopted)
                owned.push(adopted);
        }
    }
    return owned;
}
/** The object of `kind` in owners' cache that controls obj, if its uid is still that one. */
export function cachedController(owners, kind, obj) {
    const ref = controllerOf(obj);
    if (ref?.kind !== kind)
        return undefined;
    const owner = owners.get(`${obj.metadata.namespace}/${ref.name}`);
    return owner?.metadata.uid === ref.uid ? owner : undefined;
}
/** The owners in obj's namespace whose selector matches its labels: those that may adopt it. */
export function selecting(owners, obj, selectorSpec = (o) => o.spec.selector) {
    return owners.byIndex('namespace', obj.metadata.namespace ?? '').filter((o) => {
        const sel = selectorOf(selectorSpec(o));
        return !!sel && matchLabels(sel, obj.metadata.labels);
    });
}
//# sourceMappingURL=controllerref.js.map
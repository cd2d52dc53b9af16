// Controller history: the ControllerRevisions a DaemonSet or StatefulSet keeps of its Pod templates.
// Each stores the template as the strategic merge patch that puts it back, which is what
// `kubectl rollout history` prints and `kubectl rollout undo` sends; each is named and labelled by the
// template's hash, and numbered: an old template that comes back (an undo) takes the next number
// rather than a new revision. Orphaned revisions the owner's selector matches are adopted, as Pods are.
import { isApiError } from '../api/errors.js';
import { canonicalJson } from '../api/validation/equal.js';
import { controllerRevisions } from '../client/resources.js';
import { claim, controllerOf, controllerRef, selectorOf } from './controllerref.js';
import { templateHash } from './rollout.js';
import { ignoreNotFound } from './writes.js';
/** The label carrying a revision's hash, on the revision and on the Pods made from it. */
export const REVISION_HASH = 'controller-revision-hash';
/** The template a revision holds (its data is `{spec: {template: {…, $patch: replace}}}`). */
export function templateOf(cr) {
    const t = cr.data?.spec?.template;
    if (!t)
        return undefined;
    const { $patch: _replace, ...template } = t;
    return template;
}
const sameTemplate = (a, b) => !!a && canonicalJson(a) === canonicalJson(b);
/** The revisions owner (of ownerRes) controls among candidates, orphans adopted, oldest first. */
export async function claimRevisions(client, owner, ownerRes, candidates) {
    const owned = await claim(client, controllerRevisions, candidates, owner, ownerRes, controllerRef(owner, 'apps/v1', ownerRes.kind), selectorOf(owner.spec.selector));
    return owned.sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
}
/**
 * The revision of owner's current template: the one already holding it (renumbered to come last if
 * it is an older one), or a new one. `revisions` are owner's, oldest first.
 */
export async function currentRevision(client, owner, ownerRes, revisions) {
    const template = owner.spec.template;
    const last = revisions.at(-1)?.revision ?? 0;
    const existing = revisions.find((cr) => sameTemplate(templateOf(cr), template));
    if (existing) {
        if (existing.revision === last)
            return existing;
        return client.update(controllerRevisions, existing.metadata.namespace, { ...existing, revision: last + 1 });
    }
    const collisions = owner.status?.collisionCount ?? 0;
    const hash = templateHash(template, collisions);
    const cr = {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
            name: `${owner.metadata.name}-${hash}`,
            namespace: owner.metadata.namespace,
            labels: { ...template.metadata?.labels, [REVISION_HASH]: hash },
            // The owner's annotations (kubernetes.io/change-cause) are what `rollout history` shows.
            ...(owner.metadata.annotations ? { annotations: { ...owner.metadata.annotations } } : {}),
            ownerReferences: [controllerRef(owner, 'apps/v1', ownerRes.kind)],
        },
        data: { spec: { template: { ...structuredClone(template), $patch: 'replace' } } },
        revision: last + 1,
    };
    try {
        return await client.create(controllerRevisions, owner.metadata.namespace, cr);
    }
    catch (e) {
        // The same template, recorded by a pass whose create our cache has not seen yet.
        if (!isApiError(e, 'AlreadyExists'))
            throw e;
        const found = await client.get(controllerRevisions, owner.metadata.namespace, cr.metadata.name);
        if (controllerOf(found)?.uid === owner.metadata.uid && sameTemplate(templateOf(found), template))
            return found;
        // Another object holds the name: the count goes into the hash, and the next pass tries a new name.
        await client.update(ownerRes, owner.metadata.namespace, { ...owner, status: { ...owner.status, collisionCount: collisions + 1 } }, { subresource: 'status' });
        throw new Error(`ControllerRevision ${cr.metadata.name} holds another template: collisionCount raised to ${collisions + 1}`);
    }
}
/** Deletes the oldest revisions beyond revisionHistoryLimit, never one in use (`live` names). */
export async function truncateHistory(client, owner, revisions, live) {
    const old = revisions.filter((cr) => !live.has(cr.metadata.name));
    const excess = old.length - (owner.spec.revisionHistoryLimit ?? 10);
    for (const cr of old.slice(0, Math.max(0, excess))) {
        await ignoreNotFound(client.delete(controllerRevisions, cr.metadata.namespace, cr.metadata.name, { preconditions: { uid: cr.metadata.uid } }));
    }
}
//# sourceMappingURL=history.js.map
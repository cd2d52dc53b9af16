// Who set which fields: every write other than an apply records an Update entry for its manager, as
// kube-apiserver's field manager does, so that server-side apply sees the fields that `kubectl create`,
// `label`, `edit` or a client-side apply own, and conflicts with them.

import { updateManagedFields } from '../../api/patch/apply.js';
import { deepEqual } from '../../api/patch/json-patch.js';
import type { Path } from '../../api/patch/field-set.js';
import type { KObject, ManagedFieldsEntry } from '../../api/types.js';
import type { RequestContext } from './context.js';

/** The manager a request writes as: its fieldManager, else its user agent up to the first '/'. */
export function managerOf(ctx: RequestContext): string {
  return ctx.fieldManager ?? (ctx.userAgent ?? '').split('/')[0]!.slice(0, 128);
}

/** `[{}]` is how a client asks to strip every entry; an empty list only means "not set". */
const isReset = (mf: ManagedFieldsEntry[] | undefined): boolean =>
  mf?.length === 1 && Object.keys(mf[0]!).length === 0;

/**
 * Sets obj's managedFields for a write over old (undefined on create), under the subresource's name for
 * status and ephemeralcontainers. `subresource` 'status' records only what the write changed under status; the main resource never claims status when the kind has a
 * status subresource, since that part is reset by the strategy.
 */
export function recordWrite(old: KObject | undefined, obj: KObject, ctx: RequestContext, hasStatus: boolean, subresource?: string): void {
  if (ctx.applied) return;
  const incoming = obj.metadata.managedFields;
  if (isReset(incoming)) {
    delete obj.metadata.managedFields;
    return;
  }
  const prior = old?.metadata.managedFields ?? [];
  // Entries a client sends are taken as given; absent or empty, the stored ones carry on.
  const sent = !!incoming?.length && !deepEqual(incoming, prior);
  const base = sent ? incoming : prior;
  // The stored entries themselves in place of an equal copy (a patch's): comparing metadata below meets them at once.
  if (incoming?.length && !sent) obj.metadata.managedFields = prior;
  const scope = subresource === 'status' ? (p: Path) => p[0] === 'f:status' : hasStatus ? (p: Path) => p[0] !== 'f:status' : undefined;
  const named = subresource === 'status' || subresource === 'ephemeralcontainers';
  const entries = updateManagedFields(base, old, obj, managerOf(ctx), { ...(named ? { subresource } : {}), ...(scope ? { scope } : {}) });
  if (entries.length) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}

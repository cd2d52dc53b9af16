// managedFields' field sets held once however many objects carry them. A field set names the fields a
// manager set, not their values, so the replicas of one template carry identical ones: a Pod's two
// (spec and status) are two thirds of its parsed objects, the largest part of a held cluster's heap.

import type { KObject } from '../../api/types.js';
import { deepFreeze } from '../../util/deep-freeze.js';

/** Distinct field sets remembered; past it the table starts over (field sets that differ per object
 * would otherwise grow it without end). */
const MAX_SETS = 4096;

const sets = new Map<string, Record<string, unknown>>();

/**
 * Replaces each field set of obj's managedFields with the frozen one already held for the same
 * fields. Only for an object about to enter the watch cache, which nothing changes from then on.
 */
export function shareFieldSets(obj: KObject): void {
  const managed = obj.metadata?.managedFields;
  if (!Array.isArray(managed)) return;
  for (const m of managed) {
    // A frozen entry is one a write carried over from the object it replaced: already shared.
    if (!m || Object.isFrozen(m)) continue;
    const fields = m.fieldsV1;
    if (!fields || typeof fields !== 'object') continue;
    const text = JSON.stringify(fields);
    let held = sets.get(text);
    if (!held) {
      if (sets.size >= MAX_SETS) sets.clear();
      sets.set(text, (held = deepFreeze(fields)));
    }
    m.fieldsV1 = held;
  }
}

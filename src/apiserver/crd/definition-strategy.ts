// The Strategy of CustomResourceDefinitions themselves: the server accepts a new CRD's names and
// establishes it at once (the NamesAccepted and Established conditions upstream's controllers set),
// records its storage version, and adds the finalizer under which deleting it removes its objects first.

import type { CustomResourceDefinition, CustomResourceDefinitionCondition, KObject } from '../../api/types.js';
import { rfc3339 } from '../../api/time.js';
import { genericStrategy } from '../registry/kinds/generic.js';
import type { Strategy } from '../registry/strategy.js';
import { CLEANUP_FINALIZER } from './served.js';

/** Why crd's names cannot be accepted (another CRD of its group holds one), or undefined. */
export type NameConflicts = (crd: CustomResourceDefinition) => { reason: string; message: string } | undefined;

function condition(type: string, ok: boolean, reason: string, message: string, old?: CustomResourceDefinitionCondition): CustomResourceDefinitionCondition {
  const status = ok ? 'True' : 'False';
  const lastTransitionTime = old?.status === status && old.lastTransitionTime ? old.lastTransitionTime : rfc3339();
  return { type, status, lastTransitionTime, reason, message };
}

/** Sets acceptedNames, NamesAccepted, Established and storedVersions from the spec (keeping other conditions). */
function settle(crd: CustomResourceDefinition, conflicts: NameConflicts): void {
  const status = (crd.status ??= {});
  const old = (type: string) => status.conditions?.find((c) => c.type === type);
  const conflict = conflicts(crd);
  const established = old('Established')?.status === 'True';
  if (!conflict) status.acceptedNames = structuredClone(crd.spec.names);
  const accepted = condition('NamesAccepted', !conflict, conflict?.reason ?? 'NoConflicts', conflict?.message ?? 'no conflicts found', old('NamesAccepted'));
  const establish = established || !conflict
    ? condition('Established', true, 'InitialNamesAccepted', 'the initial names have been accepted', old('Established'))
    : condition('Established', false, 'NotAccepted', 'not all names are accepted', old('Established'));
  const others = (status.conditions ?? []).filter((c) => c.type !== 'NamesAccepted' && c.type !== 'Established');
  status.conditions = [accepted, establish, ...others];
  status.acceptedNames ??= { plural: '', kind: '' };
  const storage = crd.spec.versions?.find((v) => v.storage)?.name;
  const stored = status.storedVersions ?? [];
  if (storage && !stored.includes(storage)) status.storedVersions = [...stored, storage];
}

export function customResourceDefinitionStrategy(conflicts: NameConflicts): Strategy {
  const base = genericStrategy({ kind: 'CustomResourceDefinition', hasStatus: true });
  return {
    ...base,
    prepareForCreate(obj: KObject) {
      delete obj.status;
      base.prepareForCreate(obj);
      const crd = obj as CustomResourceDefinition;
      if (!crd.spec || typeof crd.spec !== 'object') return;
      obj.metadata.finalizers = [...(obj.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER), CLEANUP_FINALIZER];
      settle(crd, conflicts);
    },
    prepareForUpdate(obj: KObject, old: KObject) {
      base.prepareForUpdate(obj, old);
      const crd = obj as CustomResourceDefinition;
      if (crd.spec && typeof crd.spec === 'object' && Array.isArray(crd.spec.versions)) settle(crd, conflicts);
    },
  };
}

// The Strategy of CustomResourceDefinitions themselves: the server accepts a new CRD's names and
// establishes it at once (the NamesAccepted and Established conditions upstream's controllers set),
// records its storage version, and adds the finalizer under which deleting it removes its objects first.
import { rfc3339 } from '../../api/time.js';
import { genericStrategy } from '../registry/kinds/generic.js';
import { CLEANUP_FINALIZER } from './served.js';
function condition(type, ok, reason, message, old) {
    const status = ok ? 'True' : 'False';
    const lastTransitionTime = old?.status === status && old.lastTransitionTime ? old.lastTransitionTime : rfc3339();
    return { type, status, lastTransitionTime, reason, message };
}
/** Sets acceptedNames, NamesAccepted, Established and storedVersions from the spec (keeping other conditions). */
function settle(crd, conflicts) {
    const status = (crd.status ??= {});
    const old = (type) => status.conditions?.find((c) => c.type === type);
    const conflict = conflicts(crd);
    const established = old('Established')?.status === 'True';
    if (!conflict)
        status.acceptedNames = structuredClone(crd.spec.names);
    const accepted = condition('NamesAccepted', !conflict, conflict?.reason ?? 'NoConflicts', conflict?.message ?? 'no conflicts found', old('NamesAccepted'));
    const establish = established || !conflict
        ? condition('Established', true, 'InitialNamesAccepted', 'the initial names have been accepted', old('Established'))
        : condition('Established', false, 'NotAccepted', 'not all names are accepted', old('Established'));
    const others = (status.conditions ?? []).filter((c) => c.type !== 'NamesAccepted' && c.type !== 'Established');
    status.conditions = [accepted, establish, ...others];
    status.acceptedNames ??= { plural: '', kind: '' };
    const storage = crd.spec.versions?.find((v) => v.storage)?.name;
    const stored = status.storedVersions ?? [];
    if (storage && !stored.includes(storage))
        status.storedVersions = [...stored, storage];
}
export function customResourceDefinitionStrategy(conflicts) {
    const base = genericStrategy({ kind: 'CustomResourceDefinition', hasStatus: true });
    return {
        ...base,
        prepareForCreate(obj) {
            delete obj.status;
            base.prepareForCreate(obj);
            const crd = obj;
            if (!crd.spec || typeof crd.spec !== 'object')
                return;
            obj.metadata.finalizers = [...(obj.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER), CLEANUP_FINALIZER];
            settle(crd, conflicts);
        },
        prepareForUpdate(obj, old) {
            base.prepareForUpdate(obj, old);
            const crd = obj;
            if (crd.spec && typeof crd.spec === 'object' && Array.isArray(crd.spec.versions))
                settle(crd, conflicts);
        },
    };
}
//# sourceMappingURL=definition-strategy.js.map
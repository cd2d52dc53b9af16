// core/v1 PersistentVolume and PersistentVolumeClaim, storage.k8s.io/v1 StorageClass rules, worded as
// pkg/apis/core/validation and pkg/apis/storage/validation: access modes from the supported four (the
// single-Pod one alone), a storage capacity or request above zero, exactly one volume source (a local
// one with node affinity), class names that are DNS subdomains; a volume's source and a claim's spec
// fixed after creation (a claim's size may grow once bound, its volumeName be set once), and a class's
// provisioner, parameters and policies fixed.
import { compareQuantities, formatQuantity } from '../quantity.js';
import { validateLabelSelector } from './apps.js';
import { FieldPath, forbidden, immutable, invalidEach, invalidValue, requiredValue, unsupportedValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from './names.js';
import { quantityAt } from './resources.js';
import { HOST_PATH_TYPES, hasBacksteps } from './volumes.js';
export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const PV_RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const CLASS_RECLAIM_POLICIES = ['Delete', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];
const NODE_SELECTOR_OPERATORS = ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'];
/** The PersistentVolume spec fields that are not its volume source. */
const PV_SPEC_FIELDS = new Set(['capacity', 'accessModes', 'claimRef', 'persistentVolumeReclaimPolicy', 'storageClassName', 'mountOptions', 'volumeMode', 'nodeAffinity', 'volumeAttributesClassName']);
function validateAccessModes(modes, path, emptyDetail) {
    if (!modes?.length)
        return [requiredValue(path, emptyDetail)];
    const causes = modes.filter((m) => !ACCESS_MODES.includes(m)).map((m) => unsupportedValue(path, m, ACCESS_MODES));
    if (modes.includes('ReadWriteOncePod') && modes.some((m) => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m))) {
        causes.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
    }
    return causes;
}
/** A quantity that must be above zero; the parsed value, or undefined when it is not. */
function positiveQuantity(text, path, causes) {
    const q = quantityAt(String(text ?? ''), path, causes);
    if (q && q.nanos <= 0n) {
        causes.push(invalidValue(path, formatQuantity(q), 'must be greater than zero'));
        return undefined;
    }
    return q;
}
function validateClassName(name, path) {
    return name ? invalidEach(path, name, isDNS1123Subdomain(name)) : [];
}
function validateVolumeMode(mode, path) {
    return mode !== undefined && !VOLUME_MODES.includes(mode) ? [unsupportedValue(path, mode, VOLUME_MODES)] : [];
}
function validateNodeSelectorTerm(term, path) {
    const causes = [];
    for (const [field, list] of [['matchExpressions', term.matchExpressions], ['matchFields', term.matchFields]]) {
        (list ?? []).forEach((r, i) => {
            const at = path.child(field).index(i);
            const values = r.values ?? [];
            if (!NODE_SELECTOR_OPERATORS.includes(r.operator))
                causes.push(unsupportedValue(at.child('operator'), r.operator, NODE_SELECTOR_OPERATORS));
            else if ((r.operator === 'In' || r.operator === 'NotIn') && !values.length)
                causes.push(requiredValue(at.child('values'), 'must be specified when `operator` is \'In\' or \'NotIn\''));
            else if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length)
                causes.push(forbidden(at.child('values'), 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
            if (field === 'matchExpressions')
                causes.push(...invalidEach(at.child('key'), r.key, isQualifiedName(r.key ?? '')));
        });
    }
    return causes;
}
/** Whether the volume names nodes, and what is wrong with how it does. */
function validateVolumeNodeAffinity(na, path) {
    if (!na.required)
        return { named: false, causes: [requiredValue(path.child('required'), 'must specify required node constraints')] };
    const terms = na.required.nodeSelectorTerms ?? [];
    const at = path.child('required').child('nodeSelectorTerms');
    if (!terms.length)
        return { named: true, causes: [requiredValue(at, 'must have at least one node selector term')] };
    return { named: true, causes: terms.flatMap((t, i) => validateNodeSelectorTerm(t ?? {}, at.index(i))) };
}
function validateLocalPath(p, path) {
    if (!p)
        return [requiredValue(path)];
    return hasBacksteps(p) ? [invalidValue(path, p, "must not contain '..'")] : [];
}
function validatePersistentVolumeSpec(pv) {
    const path = FieldPath.root('spec');
    const s = pv.spec ?? {};
    const causes = validateAccessModes(s.accessModes, path.child('accessModes'), '');
    const capacity = s.capacity ?? {};
    const capPath = path.child('capacity');
    if (!Object.keys(capacity).length)
        causes.push(requiredValue(capPath));
    if (!('storage' in capacity) || Object.keys(capacity).length > 1)
        causes.push(unsupportedValue(capPath, capacity, ['storage']));
    for (const [name, text] of Object.entries(capacity))
        positiveQuantity(text, capPath.key(name), causes);
    const policy = s.persistentVolumeReclaimPolicy;
    if (policy && !PV_RECLAIM_POLICIES.includes(policy))
        causes.push(unsupportedValue(path.child('persistentVolumeReclaimPolicy'), policy, PV_RECLAIM_POLICIES));
    const affinity = s.nodeAffinity ? validateVolumeNodeAffinity(s.nodeAffinity, path.child('nodeAffinity')) : { named: false, causes: [] };
    causes.push(...affinity.causes);
    const sources = Object.keys(s).filter((k) => !PV_SPEC_FIELDS.has(k) && s[k] !== undefined && s[k] !== null);
    if (!sources.length)
        causes.push(requiredValue(path, 'must specify a volume type'));
    for (const extra of sources.slice(1))
        causes.push(forbidden(path.child(extra), 'may not specify more than 1 volume type'));
    if (s.hostPath && sources[0] === 'hostPath') {
        const at = path.child('hostPath');
        causes.push(...validateLocalPath(s.hostPath.path, at.child('path')));
        const type = s.hostPath.type ?? '';
        if (!HOST_PATH_TYPES.includes(type))
            causes.push(unsupportedValue(at.child('type'), type, HOST_PATH_TYPES));
        if (s.hostPath.path?.replace(/\/+$/, '') === '' && policy === 'Recycle')
            causes.push(forbidden(path.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
    }
    if (s.local && sources[0] === 'local') {
        causes.push(...validateLocalPath(s.local.path, path.child('local').child('path')));
        if (!affinity.named)
            causes.push(requiredValue(path.child('nodeAffinity'), 'Local volume requires node affinity'));
    }
    causes.push(...validateClassName(s.storageClassName, path.child('storageClassName')), ...validateVolumeMode(s.volumeMode, path.child('volumeMode')));
    return causes;
}
export function validatePersistentVolume(pv) {
    return [...validateObjectMeta(pv.metadata, { namespaced: false, nameRule: nameIsDNSSubdomain }), ...validatePersistentVolumeSpec(pv)];
}
const volumeSource = (pv) => Object.fromEntries(Object.entries(pv.spec ?? {}).filter(([k]) => !PV_SPEC_FIELDS.has(k)));
export function validatePersistentVolumeUpdate(pv, old) {
    const causes = [...validateObjectMetaUpdate(pv.metadata, old.metadata), ...validatePersistentVolumeSpec(pv)];
    if (JSON.stringify(volumeSource(pv)) !== JSON.stringify(volumeSource(old))) {
        causes.push(forbidden(FieldPath.root('spec').child('persistentvolumesource'), 'spec.persistentvolumesource is immutable after creation'));
    }
    causes.push(...immutable(FieldPath.root('volumeMode'), pv.spec?.volumeMode, old.spec?.volumeMode));
    if (old.spec?.nodeAffinity)
        causes.push(...immutable(FieldPath.root('nodeAffinity'), pv.spec?.nodeAffinity, old.spec.nodeAffinity));
    return causes;
}
export function validatePersistentVolumeStatusUpdate(pv, old) {
    return validateObjectMetaUpdate(pv.metadata, old.metadata);
}
/** A claim's spec, as a claim or a StatefulSet's claim template has it. */
export function validatePersistentVolumeClaimSpec(s, path) {
    const causes = validateAccessModes(s.accessModes, path.child('accessModes'), 'at least 1 access mode is required');
    if (s.selector)
        causes.push(...validateLabelSelector(s.selector, path.child('selector')));
    const storage = s.resources?.requests?.storage;
    const at = path.child('resources').key('storage');
    if (storage === undefined)
        causes.push(requiredValue(at));
    else
        positiveQuantity(storage, at, causes);
    causes.push(...validateClassName(s.storageClassName, path.child('storageClassName')), ...validateVolumeMode(s.volumeMode, path.child('volumeMode')));
    for (const field of ['dataSource', 'dataSourceRef']) {
        const ref = s[field];
        if (!ref)
            continue;
        if (!ref.name)
            causes.push(requiredValue(path.child(field).child('name')));
        if (!ref.kind)
            causes.push(requiredValue(path.child(field).child('kind')));
        else if (!ref.apiGroup && ref.kind !== 'PersistentVolumeClaim')
            causes.push(invalidValue(path.child(field), ref.kind, ''));
    }
    return causes;
}
export function validatePersistentVolumeClaim(pvc) {
    return [...validateObjectMeta(pvc.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validatePersistentVolumeClaimSpec(pvc.spec ?? {}, FieldPath.root('spec'))];
}
export function validatePersistentVolumeClaimUpdate(pvc, old) {
    const causes = [...validateObjectMetaUpdate(pvc.metadata, old.metadata), ...validatePersistentVolumeClaimSpec(pvc.spec ?? {}, FieldPath.root('spec'))];
    // What may change: the volume name once (the binder sets it), the class once when it was never set
    // (a default class assigned later), the size of a bound claim, the attributes class.
    const fixed = (s, bound) => ({
        ...s,
        volumeName: old.spec?.volumeName ? s.volumeName : undefined,
        storageClassName: old.spec?.storageClassName === undefined || old.spec.storageClassName === null ? undefined : s.storageClassName,
        resources: bound ? { ...s.resources, requests: { ...s.resources?.requests, storage: undefined } } : s.resources,
        volumeAttributesClassName: undefined,
    });
    const bound = pvc.status?.phase === 'Bound';
    const spec = FieldPath.root('spec');
    if (JSON.stringify(fixed(pvc.spec ?? {}, bound)) !== JSON.stringify(fixed(old.spec ?? {}, bound))) {
        causes.push(forbidden(spec, 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
    }
    const sink = [];
    const now = quantityAt(String(pvc.spec?.resources?.requests?.storage ?? ''), spec, sink);
    const before = quantityAt(String(old.spec?.resources?.requests?.storage ?? ''), spec, sink);
    const capacity = old.status?.capacity?.storage;
    const recorded = capacity ? quantityAt(capacity, spec, sink) : undefined;
    // Shrinking is allowed only back towards what the volume really has (recovering from a failed expansion).
    if (now && before && compareQuantities(now, before) < 0 && (!recorded || compareQuantities(now, recorded) <= 0)) {
        causes.push(forbidden(spec.child('resources').child('requests').child('storage'), 'field can not be less than status.capacity'));
    }
    return causes;
}
export function validatePersistentVolumeClaimStatusUpdate(pvc, old) {
    const causes = validateObjectMetaUpdate(pvc.metadata, old.metadata);
    const modes = pvc.status?.accessModes ?? [];
    const path = FieldPath.root('status').child('accessModes');
    causes.push(...modes.filter((m) => !ACCESS_MODES.includes(m)).map((m) => unsupportedValue(path, m, ACCESS_MODES)));
    const cap = FieldPath.root('status').child('capacity');
    for (const [name, text] of Object.entries(pvc.status?.capacity ?? {}))
        quantityAt(String(text), cap.key(name), causes);
    return causes;
}
function validateStorageClassFields(sc) {
    const causes = [];
    const provisioner = FieldPath.root('provisioner');
    if (!sc.provisioner)
        causes.push(requiredValue(provisioner));
    else {
        causes.push(...invalidEach(provisioner, sc.provisioner, isQualifiedName(sc.provisioner.toLowerCase())));
    }
    if (sc.reclaimPolicy && !CLASS_RECLAIM_POLICIES.includes(sc.reclaimPolicy))
        causes.push(unsupportedValue(FieldPath.root('reclaimPolicy'), sc.reclaimPolicy, CLASS_RECLAIM_POLICIES));
    const mode = FieldPath.root('volumeBindingMode');
    if (!sc.volumeBindingMode)
        causes.push(requiredValue(mode));
    else if (!BINDING_MODES.includes(sc.volumeBindingMode))
        causes.push(unsupportedValue(mode, sc.volumeBindingMode, BINDING_MODES));
    (sc.allowedTopologies ?? []).forEach((t, i) => {
        const at = FieldPath.root('allowedTopologies').index(i);
        if (!t.matchLabelExpressions?.length)
            causes.push(requiredValue(at.child('matchLabelExpressions'), 'must have at least one label expression'));
    });
    return causes;
}
export function validateStorageClass(sc) {
    return [...validateObjectMeta(sc.metadata, { namespaced: false, nameRule: nameIsDNSSubdomain }), ...validateStorageClassFields(sc)];
}
export function validateStorageClassUpdate(sc, old) {
    const causes = [...validateObjectMetaUpdate(sc.metadata, old.metadata), ...validateStorageClassFields(sc)];
    const changed = (a, b) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
    if (changed(sc.parameters, old.parameters))
        causes.push(forbidden(FieldPath.root('parameters'), 'updates to parameters are forbidden.'));
    if (sc.provisioner !== old.provisioner)
        causes.push(forbidden(FieldPath.root('provisioner'), 'updates to provisioner are forbidden.'));
    if (changed(sc.reclaimPolicy, old.reclaimPolicy))
        causes.push(forbidden(FieldPath.root('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
    causes.push(...immutable(FieldPath.root('volumeBindingMode'), sc.volumeBindingMode, old.volumeBindingMode));
    return causes;
}
//# sourceMappingURL=storage.js.map
import { FieldPath, NONNEGATIVE, forbidden, immutable, invalidEach, invalidValue, requiredValue, tooLong } from './field.js';
import { isLabelValue, isQualifiedName, nameIsDNSLabel } from './names.js';
/** Kubernetes caps the total size of an object's annotations (keys + values) at 256 KiB. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);
export function validateLabels(labels, path) {
    const causes = [];
    for (const [k, v] of Object.entries(labels ?? {})) {
        causes.push(...invalidEach(path, k, isQualifiedName(k)));
        causes.push(...invalidEach(path, v, isLabelValue(v)));
    }
    return causes;
}
export function validateAnnotations(annotations, path) {
    const causes = [];
    let size = 0;
    for (const [k, v] of Object.entries(annotations ?? {})) {
        // Annotation keys are checked case-insensitively: upper case is allowed in the name part.
        causes.push(...invalidEach(path, k, isQualifiedName(k.toLowerCase())));
        size += Buffer.byteLength(k) + Buffer.byteLength(v);
    }
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT)
        causes.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    return causes;
}
/** A finalizer is a qualified name; one without a '/' must be one of the standard ones. */
export function validateFinalizers(finalizers, path) {
    const causes = [];
    for (const f of finalizers ?? []) {
        const errs = isQualifiedName(f);
        causes.push(...invalidEach(path, f, errs));
        if (!errs.length && !f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
            causes.push(invalidValue(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
        }
    }
    return causes;
}
export function validateObjectMeta(meta, rules) {
    const m = meta ?? {};
    const path = FieldPath.root('metadata');
    const causes = [];
    if (m.generateName)
        causes.push(...invalidEach(path.child('generateName'), m.generateName, rules.nameRule(m.generateName, true)));
    if (!m.name) {
        if (!m.generateName)
            causes.push(requiredValue(path.child('name'), 'name or generateName is required'));
    }
    else {
        causes.push(...invalidEach(path.child('name'), m.name, rules.nameRule(m.name, false)));
    }
    if (rules.namespaced) {
        if (!m.namespace)
            causes.push(requiredValue(path.child('namespace')));
        else
            causes.push(...invalidEach(path.child('namespace'), m.namespace, nameIsDNSLabel(m.namespace, false)));
    }
    else if (m.namespace) {
        causes.push(forbidden(path.child('namespace'), 'not allowed on this type'));
    }
    if (m.generation !== undefined && m.generation < 0)
        causes.push(invalidValue(path.child('generation'), m.generation, NONNEGATIVE));
    causes.push(...validateLabels(m.labels, path.child('labels')));
    causes.push(...validateAnnotations(m.annotations, path.child('annotations')));
    causes.push(...validateFinalizers(m.finalizers, path.child('finalizers')));
    return causes;
}
/** What an update may not touch in metadata; labels and annotations are re-validated as on create. */
export function validateObjectMetaUpdate(newMeta, oldMeta) {
    const n = newMeta ?? {};
    const o = oldMeta ?? {};
    const path = FieldPath.root('metadata');
    const causes = [
        ...immutable(path.child('name'), n.name, o.name),
        ...immutable(path.child('namespace'), n.namespace, o.namespace),
        ...immutable(path.child('uid'), n.uid, o.uid),
        ...immutable(path.child('creationTimestamp'), n.creationTimestamp, o.creationTimestamp),
    ];
    // Deletion is marked only by DELETE, never by writing the fields.
    if (!o.deletionTimestamp && n.deletionTimestamp) {
        causes.push(invalidValue(path.child('deletionTimestamp'), n.deletionTimestamp, 'field is immutable; may only be changed via deletion'));
    }
    if (o.deletionGracePeriodSeconds === undefined && n.deletionGracePeriodSeconds !== undefined) {
        causes.push(invalidValue(path.child('deletionGracePeriodSeconds'), n.deletionGracePeriodSeconds, 'field is immutable; may only be changed via deletion'));
    }
    if (n.generation !== undefined && n.generation < 0)
        causes.push(invalidValue(path.child('generation'), n.generation, NONNEGATIVE));
    causes.push(...validateLabels(n.labels, path.child('labels')));
    causes.push(...validateAnnotations(n.annotations, path.child('annotations')));
    causes.push(...validateFinalizers(n.finalizers, path.child('finalizers')));
    return causes;
}
//# sourceMappingURL=meta.js.map
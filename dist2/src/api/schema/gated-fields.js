// Fields newer Kubernetes releases define behind an alpha feature gate. A kube-apiserver of such a
// release with the gate off (the default) drops them from what it is sent and accepts the object, so
// manifests written for it (the documentation's examples) work here as there, rather than failing
// strict field validation as unknown. Fields no release defines stay unknown.
const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Drops the gated fields of a PodSpec: emptyDir.mode (EmptyDirVolumeMode, alpha since 1.37). */
function dropFromPodSpec(spec) {
    if (!isObj(spec) || !Array.isArray(spec.volumes))
        return;
    for (const v of spec.volumes)
        if (isObj(v) && isObj(v.emptyDir))
            delete v.emptyDir.mode;
}
/** The PodSpecs an object of `kind` carries: its own, its template's, its job template's. */
function podSpecsOf(kind, obj) {
    const spec = isObj(obj.spec) ? obj.spec : undefined;
    const template = isObj(obj.template) ? obj.template : isObj(spec?.template) ? spec.template : undefined;
    const jobTemplate = isObj(spec?.jobTemplate) && isObj(spec.jobTemplate.spec) && isObj(spec.jobTemplate.spec.template) ? spec.jobTemplate.spec.template : undefined;
    if (kind === 'Pod')
        return [spec];
    return [template?.spec, jobTemplate?.spec];
}
/** Removes, in place, the fields of newer releases whose gate is off, from a body of `kind`. */
export function dropGatedFields(kind, obj) {
    for (const spec of podSpecsOf(kind, obj))
        dropFromPodSpec(spec);
}
//# sourceMappingURL=gated-fields.js.map
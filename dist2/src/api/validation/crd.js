// CustomResourceDefinition (apiextensions.k8s.io/v1) validation, in the apiextensions-apiserver's words:
// names, group, scope, versions with exactly one storage version, structural schemas whose CEL rules
// compile, subresources and printer columns; on update what serving depends on may not change.
import { FieldPath, immutable, invalidEach, invalidValue, requiredValue, unsupportedValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1035Label, isDNS1123Subdomain, nameIsDNSSubdomain } from './names.js';
import { validateStructural } from '../crd/structural.js';
import { compileRules } from '../crd/rules.js';
import { isFieldPath } from '../jsonpath.js';
/** The finalizer the server puts on every CRD: its objects are removed before it is. */
export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';
const COLUMN_TYPES = ['integer', 'number', 'string', 'boolean', 'date'];
function validateNames(n, path) {
    const out = [];
    const names = n ?? {};
    for (const f of ['plural', 'singular', 'kind', 'listKind'])
        if (!names[f])
            out.push(requiredValue(path.child(f)));
    if (names.plural)
        out.push(...invalidEach(path.child('plural'), names.plural, isDNS1035Label(names.plural)));
    if (names.singular)
        out.push(...invalidEach(path.child('singular'), names.singular, isDNS1035Label(names.singular)));
    for (const f of ['kind', 'listKind']) {
        const v = names[f];
        if (v && isDNS1035Label(v.toLowerCase()).length)
            out.push(invalidValue(path.child(f), v, 'may have mixed case, but should otherwise match: [a-z]([-a-z0-9]*[a-z0-9])?'));
    }
    if (names.kind && names.kind === names.listKind)
        out.push(invalidValue(path.child('listKind'), names.listKind, 'kind and listKind may not be the same or parsing will fail'));
    (names.shortNames ?? []).forEach((s, i) => out.push(...invalidEach(path.child('shortNames').index(i), s, isDNS1035Label(s))));
    (names.categories ?? []).forEach((s, i) => out.push(...invalidEach(path.child('categories').index(i), s, isDNS1035Label(s))));
    return out;
}
function validateVersion(v, path) {
    const out = [...invalidEach(path.child('name'), v.name, isDNS1035Label(v.name ?? ''))];
    const schema = v.schema?.openAPIV3Schema;
    const schemaPath = path.child('schema').child('openAPIV3Schema');
    if (!schema)
        out.push(requiredValue(schemaPath, 'schemas are required'));
    else {
        const structural = validateStructural(schema, schemaPath);
        out.push(...structural);
        // Rules are compiled against a structural schema only: elsewhere their types mean nothing.
        if (!structural.length)
            out.push(...compileRules(schema, schemaPath));
    }
    const scale = v.subresources?.scale;
    if (scale) {
        const sp = path.child('subresources').child('scale');
        if (!scale.specReplicasPath)
            out.push(requiredValue(sp.child('specReplicasPath')));
        else if (!scale.specReplicasPath.startsWith('.spec.') || !isFieldPath(scale.specReplicasPath))
            out.push(invalidValue(sp.child('specReplicasPath'), scale.specReplicasPath, 'should be a json path under .spec'));
        if (!scale.statusReplicasPath)
            out.push(requiredValue(sp.child('statusReplicasPath')));
        else if (!scale.statusReplicasPath.startsWith('.status.') || !isFieldPath(scale.statusReplicasPath))
            out.push(invalidValue(sp.child('statusReplicasPath'), scale.statusReplicasPath, 'should be a json path under .status'));
        if (scale.labelSelectorPath && !/^\.(spec|status)\./.test(scale.labelSelectorPath)) {
            out.push(invalidValue(sp.child('labelSelectorPath'), scale.labelSelectorPath, 'should be a json path under either .spec or .status'));
        }
    }
    (v.additionalPrinterColumns ?? []).forEach((c, i) => {
        const cp = path.child('additionalPrinterColumns').index(i);
        if (!c.name)
            out.push(requiredValue(cp.child('name')));
        if (!c.type)
            out.push(requiredValue(cp.child('type')));
        else if (!COLUMN_TYPES.includes(c.type))
            out.push(unsupportedValue(cp.child('type'), c.type, COLUMN_TYPES));
        if (!c.jsonPath)
            out.push(requiredValue(cp.child('JSONPath')));
        if (c.priority !== undefined && c.priority < 0)
            out.push(invalidValue(cp.child('priority'), c.priority, 'must be greater than or equal to 0'));
    });
    return out;
}
/** The metadata as ObjectMeta rules see it: the server's own finalizer is not fully qualified, yet allowed. */
function withoutCleanup(crd) {
    return { ...crd.metadata, finalizers: crd.metadata.finalizers?.filter((f) => f !== CLEANUP_FINALIZER) };
}
export function validateCustomResourceDefinition(crd) {
    const out = validateObjectMeta(withoutCleanup(crd), { namespaced: false, nameRule: nameIsDNSSubdomain });
    const spec = crd.spec ?? {};
    const path = FieldPath.root('spec');
    if (crd.metadata.name && spec.names?.plural && spec.group && crd.metadata.name !== `${spec.names.plural}.${spec.group}`) {
        out.push(invalidValue(FieldPath.root('metadata').child('name'), crd.metadata.name, 'must be spec.names.plural+"."+spec.group'));
    }
    if (!spec.group)
        out.push(requiredValue(path.child('group')));
    else if (isDNS1123Subdomain(spec.group).length)
        out.push(...invalidEach(path.child('group'), spec.group, [isDNS1123Subdomain(spec.group).join(',')]));
    else if (!spec.group.includes('.'))
        out.push(invalidValue(path.child('group'), spec.group, 'should be a domain with at least one dot'));
    if (!spec.scope)
        out.push(requiredValue(path.child('scope')));
    else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced')
        out.push(unsupportedValue(path.child('scope'), spec.scope, ['Cluster', 'Namespaced']));
    const versions = spec.versions ?? [];
    versions.forEach((v, i) => out.push(...validateVersion(v, path.child('versions').index(i))));
    const names = versions.map((v) => v.name);
    const shown = `[${names.map((n) => JSON.stringify(n)).join(' ')}]`;
    if (new Set(names).size !== names.length)
        out.push(invalidValue(path.child('versions'), shown, 'must contain unique version names'));
    if (versions.filter((v) => v.storage).length !== 1)
        out.push({ reason: 'FieldValueInvalid', field: 'spec.versions', message: `Invalid value: ${versions.length ? shown : 'null'}: must have exactly one version marked as storage version` });
    out.push(...validateNames(spec.names, path.child('names')));
    const strategy = spec.conversion?.strategy;
    if (strategy !== undefined && strategy !== 'None')
        out.push(unsupportedValue(path.child('conversion').child('strategy'), strategy, ['None']));
    if (spec.preserveUnknownFields)
        out.push(invalidValue(path.child('preserveUnknownFields'), true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead'));
    return out;
}
export function validateCustomResourceDefinitionUpdate(crd, old) {
    const out = [...validateObjectMetaUpdate(withoutCleanup(crd), withoutCleanup(old)), ...validateCustomResourceDefinition(crd)];
    const path = FieldPath.root('spec');
    const established = old.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
    if (established) {
        out.push(...immutable(path.child('scope'), crd.spec?.scope, old.spec?.scope));
        out.push(...immutable(path.child('names').child('kind'), crd.spec?.names?.kind, old.spec?.names?.kind));
    }
    out.push(...immutable(path.child('group'), crd.spec?.group, old.spec?.group));
    out.push(...immutable(path.child('names').child('plural'), crd.spec?.names?.plural, old.spec?.names?.plural));
    // A version still holding stored objects cannot be dropped (status.storedVersions keeps it).
    for (const [i, v] of (crd.status?.storedVersions ?? []).entries()) {
        if (!crd.spec?.versions?.some((x) => x.name === v))
            out.push(invalidValue(FieldPath.root('status').child('storedVersions').index(i), v, 'must appear in spec.versions'));
    }
    return out;
}
//# sourceMappingURL=crd.js.map
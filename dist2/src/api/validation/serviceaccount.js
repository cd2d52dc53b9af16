import { FieldPath, requiredValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
function validateReferences(sa) {
    return ['secrets', 'imagePullSecrets'].flatMap((list) => (sa[list] ?? []).flatMap((ref, i) => (ref.name ? [] : [requiredValue(FieldPath.root(list).index(i).child('name'))])));
}
export function validateServiceAccount(sa) {
    return [...validateObjectMeta(sa.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validateReferences(sa)];
}
export function validateServiceAccountUpdate(sa, old) {
    return [...validateObjectMetaUpdate(sa.metadata, old.metadata), ...validateReferences(sa)];
}
//# sourceMappingURL=serviceaccount.js.map
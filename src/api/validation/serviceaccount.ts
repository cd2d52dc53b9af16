// ServiceAccount rules: a namespaced DNS-subdomain name; the secrets it lists must be named.
import type { Cause } from '../errors.js';
import type { ServiceAccount } from '../types.js';
import { FieldPath, requiredValue } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';

function validateReferences(sa: ServiceAccount): Cause[] {
  return (['secrets', 'imagePullSecrets'] as const).flatMap((list) =>
    (sa[list] ?? []).flatMap((ref, i) => (ref.name ? [] : [requiredValue(FieldPath.root(list).index(i).child('name'))])));
}

export function validateServiceAccount(sa: ServiceAccount): Cause[] {
  return [...validateObjectMeta(sa.metadata, { namespaced: true, nameRule: nameIsDNSSubdomain }), ...validateReferences(sa)];
}

export function validateServiceAccountUpdate(sa: ServiceAccount, old: ServiceAccount): Cause[] {
  return [...validateObjectMetaUpdate(sa.metadata, old.metadata), ...validateReferences(sa)];
}

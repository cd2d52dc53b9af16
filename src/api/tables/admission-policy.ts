// The rows of `kubectl get` for ValidatingAdmissionPolicies (NAME VALIDATIONS PARAMKIND AGE) and their
// bindings (NAME POLICYNAME PARAMREF AGE), with upstream's columns.

import type { KObject, ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from '../types.js';
import { fromLabelSelectorObject, selectorString } from '../selectors/labels.js';
import { ageColumn, column, doc, nameColumn, type ColumnDefinition } from './columns.js';
import { since } from './duration.js';

const ADM = (t: string) => `io.k8s.api.admissionregistration.v1.${t}`;

export function validatingAdmissionPolicyColumns(): ColumnDefinition[] {
  return [nameColumn(), column('Validations', doc(ADM('ValidatingAdmissionPolicySpec'), 'validations'), { type: 'integer' }), column('ParamKind', doc(ADM('ValidatingAdmissionPolicySpec'), 'paramKind')), ageColumn()];
}

export function validatingAdmissionPolicyCells(o: KObject, now: Date): unknown[] {
  const spec = (o as ValidatingAdmissionPolicy).spec;
  const kind = spec?.paramKind ? `${spec.paramKind.apiVersion}/${spec.paramKind.kind}` : '<unset>';
  return [o.metadata.name, spec?.validations?.length ?? 0, kind, since(o.metadata.creationTimestamp, now)];
}

export function validatingAdmissionPolicyBindingColumns(): ColumnDefinition[] {
  return [nameColumn(), column('PolicyName', doc(ADM('ValidatingAdmissionPolicyBindingSpec'), 'policyName')), column('ParamRef', doc(ADM('ValidatingAdmissionPolicyBindingSpec'), 'paramRef')), ageColumn()];
}

/** `namespace/name`, `*\/name` for a param in the request's namespace, or the selector. */
function paramRef(b: ValidatingAdmissionPolicyBinding): string {
  const ref = b.spec?.paramRef;
  if (ref?.name) return `${ref.namespace || '*'}/${ref.name}`;
  if (ref?.selector) return selectorString(fromLabelSelectorObject(ref.selector));
  return '<unset>';
}

export function validatingAdmissionPolicyBindingCells(o: KObject, now: Date): unknown[] {
  const b = o as ValidatingAdmissionPolicyBinding;
  return [o.metadata.name, b.spec?.policyName ?? '', paramRef(b), since(o.metadata.creationTimestamp, now)];
}

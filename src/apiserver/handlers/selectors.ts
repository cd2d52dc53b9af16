// Turns labelSelector / fieldSelector query parameters into predicates over objects.

import { fieldsOf, allowedFieldSelectors } from '../../api/fields.js';
import { matchFields, parseFieldSelector } from '../../api/selectors/fields.js';
import { matchLabels, parseLabelSelector } from '../../api/selectors/labels.js';
import type { KObject } from '../../api/types.js';

export interface Predicates {
  labelMatch?: (o: KObject) => boolean;
  fieldMatch?: (o: KObject) => boolean;
}

/** The fields a kind without built-in field labels selects by (custom resources), and how a refusal reads. */
export interface FieldRules {
  allowed: ReadonlySet<string>;
  unsupported(field: string): string;
  /** The object's selectable fields by name. */
  fields(o: KObject): Record<string, string>;
}

export function predicatesFrom(query: URLSearchParams, kind: string, rules?: FieldRules): Predicates {
  const p: Predicates = {};
  const ls = query.get('labelSelector');
  if (ls) {
    const sel = parseLabelSelector(ls);
    p.labelMatch = (o) => matchLabels(sel, o.metadata.labels);
  }
  const fs = query.get('fieldSelector');
  if (fs) {
    const sel = rules ? parseFieldSelector(fs, rules.allowed, kind, rules.unsupported) : parseFieldSelector(fs, allowedFieldSelectors(kind), kind);
    const fields = rules ? rules.fields : (o: KObject) => fieldsOf(kind, o);
    p.fieldMatch = (o) => matchFields(sel, fields(o));
  }
  return p;
}

export function matchesAll(p: Predicates, o: KObject): boolean {
  return (!p.labelMatch || p.labelMatch(o)) && (!p.fieldMatch || p.fieldMatch(o));
}

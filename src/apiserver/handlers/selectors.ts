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

/**
 * An object's selectable fields, worked out once per object: a watch event is judged by every watch of
 * its resource (a hollow kubelet each, by spec.nodeName), and cached objects are never changed.
 */
const fieldsSeen = new WeakMap<KObject, Record<string, string>>();
function builtInFields(kind: string, o: KObject): Record<string, string> {
  let f = fieldsSeen.get(o);
  if (!f) fieldsSeen.set(o, (f = fieldsOf(kind, o)));
  return f;
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
    const fields = rules ? rules.fields : (o: KObject) => builtInFields(kind, o);
    p.fieldMatch = (o) => matchFields(sel, fields(o));
  }
  return p;
}

export function matchesAll(p: Predicates, o: KObject): boolean {
  return (!p.labelMatch || p.labelMatch(o)) && (!p.fieldMatch || p.fieldMatch(o));
}

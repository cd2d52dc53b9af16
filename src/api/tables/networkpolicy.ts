// The rows of `kubectl get networkpolicies`, with upstream's columns: NAME, POD-SELECTOR, AGE.

import { fromLabelSelectorObject, selectorString } from '../selectors/labels.js';
import type { KObject, NetworkPolicy } from '../types.js';
import { ageColumn, column, doc, nameColumn, type ColumnDefinition } from './columns.js';
import { since } from './duration.js';

export function networkPolicyColumns(): ColumnDefinition[] {
  return [nameColumn(), column('Pod-Selector', doc('io.k8s.api.networking.v1.NetworkPolicySpec', 'podSelector')), ageColumn()];
}

export function networkPolicyCells(o: KObject, now: Date): unknown[] {
  const np = o as NetworkPolicy;
  let selector: string;
  try {
    selector = selectorString(fromLabelSelectorObject(np.spec?.podSelector)) || '<none>';
  } catch {
    selector = '<error>';
  }
  return [o.metadata.name, selector, since(o.metadata.creationTimestamp, now)];
}

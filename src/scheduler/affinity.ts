// Node selector terms, as nodeSelector, required and preferred node affinity use them.

import type { NodeSelectorRequirement, NodeSelectorTerm } from '../api/types.js';

/** Terms are ORed; an empty term matches nothing, as in Kubernetes. */
export function matchesAnyTerm(terms: readonly NodeSelectorTerm[], labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  return terms.some((t) => matchesTerm(t, labels, nodeName));
}

export function matchesTerm(term: NodeSelectorTerm, labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  return exprs.every((r) => matchesRequirement(r, labels[r.key])) &&
    fields.every((r) => r.key === 'metadata.name' && matchesRequirement(r, nodeName));
}

function matchesRequirement(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In': return value !== undefined && values.includes(value);
    case 'NotIn': return value === undefined || !values.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1) return false;
      const have = Number.parseInt(value, 10);
      const want = Number.parseInt(values[0]!, 10);
      if (Number.isNaN(have) || Number.isNaN(want)) return false;
      return r.operator === 'Gt' ? have > want : have < want;
    }
    default: return false;
  }
}

export function matchesNodeSelector(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

// The Pod-selecting parts of inter-Pod affinity terms and topology spread constraints, compiled once per
// Pod: a label selector (with matchLabelKeys / mismatchLabelKeys folded in, as the API server and
// scheduler fold them upstream), the namespaces it looks in, and an id naming what it selects so that
// per-node counts can be memoized (see NodeInfo.countMatching).
import { fromLabelSelectorObject, matchLabels } from '../api/selectors/labels.js';
const NOTHING = { requirements: [], matchesNothing: true };
/**
 * A selector as a Pod states it, plus `key In (the Pod's value)` per matchLabelKeys entry and
 * `key NotIn (value)` per mismatchLabelKeys entry the Pod has a label for. A selector the API server
 * should have refused selects nothing rather than failing the scheduler.
 */
export function compileSelector(spec, podLabels, matchKeys = [], mismatchKeys = []) {
    let selector;
    try {
        selector = fromLabelSelectorObject(spec);
    }
    catch {
        selector = NOTHING;
    }
    const extra = [];
    for (const k of matchKeys)
        if (podLabels[k] !== undefined)
            extra.push({ key: k, operator: 'In', values: [podLabels[k]] });
    for (const k of mismatchKeys)
        if (podLabels[k] !== undefined)
            extra.push({ key: k, operator: 'NotIn', values: [podLabels[k]] });
    if (extra.length && !selector.matchesNothing)
        selector = { requirements: [...selector.requirements, ...extra] };
    return { selector, id: selectorId(selector) };
}
export function selectorId(s) {
    return s.matchesNothing ? '!' : JSON.stringify(s.requirements);
}
export function compileAffinityTerm(t, pod) {
    const labels = pod.metadata.labels ?? {};
    const { selector, id } = compileSelector(t.labelSelector, labels, t.matchLabelKeys, t.mismatchLabelKeys);
    const listed = t.namespaces ?? [];
    let namespaceSelector = null;
    if (t.namespaceSelector) {
        try {
            namespaceSelector = fromLabelSelectorObject(t.namespaceSelector);
        }
        catch {
            namespaceSelector = null;
        }
    }
    const namespaces = new Set(listed.length || t.namespaceSelector ? listed : [pod.metadata.namespace ?? 'default']);
    const nsId = `${[...namespaces].sort().join(',')}${namespaceSelector ? `+${selectorId(namespaceSelector)}` : ''}`;
    return { selector, topologyKey: t.topologyKey, namespaces, namespaceSelector, id: `${id}@${nsId}` };
}
/** Whether a Pod (namespace and labels) is one the term selects. */
export function termMatches(term, namespace, labels, nsLabels) {
    const inNamespace = term.namespaces.has(namespace) || (term.namespaceSelector !== null && matchLabels(term.namespaceSelector, nsLabels(namespace) ?? {}));
    return inNamespace && matchLabels(term.selector, labels);
}
export function selects(s, labels) {
    return matchLabels(s.selector, labels);
}
//# sourceMappingURL=podselectors.js.map
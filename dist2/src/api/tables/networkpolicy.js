// The rows of `kubectl get networkpolicies`, with upstream's columns: NAME, POD-SELECTOR, AGE.
import { fromLabelSelectorObject, selectorString } from '../selectors/labels.js';
import { ageColumn, column, doc, nameColumn } from './columns.js';
import { since } from './duration.js';
export function networkPolicyColumns() {
    return [nameColumn(), column('Pod-Selector', doc('io.k8s.api.networking.v1.NetworkPolicySpec', 'podSelector')), ageColumn()];
}
export function networkPolicyCells(o, now) {
    const np = o;
    let selector;
    try {
        selector = selectorString(fromLabelSelectorObject(np.spec?.podSelector)) || '<none>';
    }
    catch {
        selector = '<error>';
    }
    return [o.metadata.name, selector, since(o.metadata.creationTimestamp, now)];
}
//# sourceMappingURL=networkpolicy.js.map
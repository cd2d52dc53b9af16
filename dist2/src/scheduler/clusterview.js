// What plugins may read beyond the Pod and the node at hand: every node (with its Pods), namespace
// labels (namespaceSelector) and owners' selectors (default topology spreading).
export function affinityTotalsOf(nodes) {
    const t = { withAffinity: 0, withRequiredAntiAffinity: 0 };
    for (const n of nodes) {
        t.withAffinity += n.podsWithAffinity.size;
        t.withRequiredAntiAffinity += n.podsWithRequiredAntiAffinity.size;
    }
    return t;
}
export const noLookups = { namespaceLabels: () => undefined, ownerSelector: () => undefined };
//# sourceMappingURL=clusterview.js.map
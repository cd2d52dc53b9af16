export function defaultCustomResourceDefinition(crd) {
    const spec = crd.spec;
    if (!spec || typeof spec !== 'object')
        return;
    const names = spec.names;
    if (names && typeof names === 'object' && typeof names.kind === 'string') {
        names.singular ||= names.kind.toLowerCase();
        names.listKind ||= `${names.kind}List`;
    }
    spec.conversion ??= { strategy: 'None' };
}
//# sourceMappingURL=crd.js.map
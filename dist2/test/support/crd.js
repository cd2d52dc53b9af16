// A namespaced `Widget` CustomResourceDefinition in a group of the test's own, for tests that need a
// custom kind; `versions` is the YAML of spec.versions' items (indented by two spaces).
export function widgetCrd(group, versions) {
    return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.${group} }
spec:
  group: ${group}
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget }
  versions:
${versions}`;
}
//# sourceMappingURL=crd.js.map
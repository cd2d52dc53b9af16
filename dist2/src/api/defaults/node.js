export function defaultNode(node) {
    if (node.status?.capacity && !node.status.allocatable)
        node.status.allocatable = { ...node.status.capacity };
}
//# sourceMappingURL=node.js.map
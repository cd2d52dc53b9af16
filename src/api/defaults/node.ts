// A Node reports capacity; until it says otherwise, all of it is allocatable.
import type { Node } from '../types.js';

export function defaultNode(node: Node): void {
  if (node.status?.capacity && !node.status.allocatable) node.status.allocatable = { ...node.status.capacity };
}

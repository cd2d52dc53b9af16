// Node and Lease writes by a kubelet are limited to its own Node and its own Lease, as the
// NodeRestriction admission plugin does.

import { ApiError } from '../../../api/errors.js';
import { nodeNameOf } from '../../auth/identity.js';
import type { Strategy } from '../strategy.js';

export function restrictToOwnNode(base: Strategy, resource: 'nodes' | 'leases'): Strategy {
  return {
    ...base,
    admit(verb, obj, old, ctx) {
      const node = nodeNameOf(ctx.user);
      if (node === null) return;
      const target = old ?? obj;
      const name = target?.metadata.name ?? '';
      const ns = target?.metadata.namespace;
      const own = resource === 'nodes' ? name === node && verb !== 'delete' : ns === 'kube-node-lease' && name === node;
      if (!own) {
        throw new ApiError('Forbidden', `${resource} "${name}" is forbidden: node "${node}" may only ${verb} its own ${resource === 'nodes' ? 'Node' : 'Lease in kube-node-lease'}`, { name, kind: resource });
      }
    },
  };
}

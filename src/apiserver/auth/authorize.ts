// Who may do what. Cluster admins (system:masters) may do anything; a kubelet (system:nodes) may read
// what it needs to run its Pods and write only its own objects (the registry's node restriction checks
// which objects); any other user is refused, as an RBAC-enabled cluster with no bindings would.

import { ApiError } from '../../api/errors.js';
import type { ResourceInfo } from '../../api/schema/resources.js';
import type { UserInfo } from './identity.js';

const NODE_READS = new Set(['pods', 'nodes', 'namespaces', 'events', 'leases', 'configmaps', 'secrets', 'serviceaccounts']);
const NODE_WRITES = new Set(['pods', 'nodes', 'leases', 'events']);

export function verbOf(method: string, hasName: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
      return watch ? 'watch' : hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

export function authorize(user: UserInfo, verb: string, r: ResourceInfo, namespace: string | undefined, subresource?: string): void {
  if (user.groups.includes('system:masters')) return;
  if (user.groups.includes('system:nodes')) {
    const read = verb === 'get' || verb === 'list' || verb === 'watch';
    if (read ? NODE_READS.has(r.plural) : NODE_WRITES.has(r.plural) && verb !== 'deletecollection') return;
  }
  const what = subresource ? `${r.plural}/${subresource}` : r.plural;
  const where = namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
  throw new ApiError('Forbidden', `${r.plural} is forbidden: User "${user.name}" cannot ${verb} resource "${what}" in API group "${r.group}"${where}`, { kind: r.plural, ...(r.group ? { group: r.group } : {}) });
}

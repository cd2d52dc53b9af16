// The default ClusterRoles and ClusterRoleBindings (auth/bootstrap-policy.ts), created at server start
// when missing. One that exists is left as it is, edited or not: berth does not yet reconcile them
// back to the defaults as kube-apiserver does for those annotated autoupdate=true.

import { ApiError } from '../../api/errors.js';
import type { KObject } from '../../api/types.js';
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES } from '../auth/bootstrap-policy.js';
import type { RequestContext } from './context.js';
import type { RestStorage } from './rest.js';

export async function ensureBootstrapPolicy(clusterRoles: RestStorage, clusterRoleBindings: RestStorage, ctx: RequestContext): Promise<void> {
  const ensure = async (storage: RestStorage, obj: KObject): Promise<void> => {
    if (storage.getEntry(undefined, obj.metadata.name!)) return;
    await storage.create(undefined, structuredClone(obj), ctx).catch((e) => {
      if (!(e instanceof ApiError && e.code === 'AlreadyExists')) throw e;
    });
  };
  for (const role of CLUSTER_ROLES) await ensure(clusterRoles, role);
  for (const binding of CLUSTER_ROLE_BINDINGS) await ensure(clusterRoleBindings, binding);
}

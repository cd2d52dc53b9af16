// The default ClusterRoles and ClusterRoleBindings (auth/bootstrap-policy.ts), created at server start
// when missing. One that exists is left as it is, edited or not: berth does not yet reconcile them
// back to the defaults as kube-apiserver does for those annotated autoupdate=true.
import { ApiError } from '../../api/errors.js';
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES } from '../auth/bootstrap-policy.js';
export async function ensureBootstrapPolicy(clusterRoles, clusterRoleBindings, ctx) {
    const ensure = async (storage, obj) => {
        if (storage.getEntry(undefined, obj.metadata.name))
            return;
        await storage.create(undefined, structuredClone(obj), ctx).catch((e) => {
            if (!(e instanceof ApiError && e.code === 'AlreadyExists'))
                throw e;
        });
    };
    for (const role of CLUSTER_ROLES)
        await ensure(clusterRoles, role);
    for (const binding of CLUSTER_ROLE_BINDINGS)
        await ensure(clusterRoleBindings, binding);
}
//# sourceMappingURL=rbac-bootstrap.js.map
// The ClusterRoles and ClusterRoleBindings every cluster starts with, as upstream's RBAC bootstrap
// policy (Kubernetes 1.33) defines those a user expects: cluster-admin for system:masters; admin, edit
// and view, each aggregated from the roles labelled for it (so a CRD's author can extend them); what
// every authenticated user may do (discovery, public info, reviews of its own access); the Service
// proxy's system:node-proxier and service-account issuer discovery. berth's own node components (cluster
// DNS, the NetworkPolicy agent) get roles of their own under system:berth:. Each carries upstream's
// bootstrapping label and autoupdate annotation; one that exists already is left as it is.
import { RBAC_GROUP } from '../../api/validation/rbac.js';
/** The node's Service proxy: upstream binds system:node-proxier to this user. */
export const KUBE_PROXY_USER = 'system:kube-proxy';
/** The node's cluster DNS (upstream's name for its account). */
export const KUBE_DNS_USER = 'system:kube-dns';
/** The node's NetworkPolicy enforcer. */
export const NETWORK_POLICY_AGENT = 'system:berth:network-policy-agent';
/** The node's local-path provisioner. */
export const LOCAL_PATH_PROVISIONER_USER = 'system:berth:local-path-provisioner';
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const EVENT_WRITE = ['create', 'patch', 'update'];
const rule = (verbs, apiGroups, resources, resourceNames) => ({ apiGroups, resources, ...(resourceNames ? { resourceNames } : {}), verbs });
const urls = (verbs, nonResourceURLs) => ({ nonResourceURLs, verbs });
export const AGGREGATE_TO = (role) => `rbac.authorization.k8s.io/aggregate-to-${role}`;
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';
const BOOTSTRAP_LABEL = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
function clusterRole(name, rules, opts = {}) {
    return {
        apiVersion: `${RBAC_GROUP}/v1`,
        kind: 'ClusterRole',
        metadata: { name, labels: { ...BOOTSTRAP_LABEL, ...(opts.into ? { [AGGREGATE_TO(opts.into)]: 'true' } : {}) }, annotations: { [AUTOUPDATE_ANNOTATION]: 'true' } },
        ...(opts.aggregates ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO(opts.aggregates)]: 'true' } }] } } : {}),
        rules,
    };
}
const subject = (kind, name) => ({ apiGroup: RBAC_GROUP, kind, name });
function clusterBinding(role, subjects) {
    return {
        apiVersion: `${RBAC_GROUP}/v1`,
        kind: 'ClusterRoleBinding',
        metadata: { name: role, labels: { ...BOOTSTRAP_LABEL }, annotations: { [AUTOUPDATE_ANNOTATION]: 'true' } },
        roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: role },
        subjects,
    };
}
/** What view grants: reading everything in a namespace but Secrets and roles. */
const VIEW_RULES = [
    rule(READ, [''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status']),
    rule(READ, [''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status']),
    rule(READ, [''], ['namespaces']),
    rule(READ, ['discovery.k8s.io'], ['endpointslices']),
    rule(READ, ['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']),
    rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
    rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
    rule(READ, ['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale']),
    rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
    rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
];
/** What edit adds to view: writing those, reading Secrets, and the Pod verbs that run things. */
const EDIT_RULES = [
    rule(READ, [''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy']),
    rule(['impersonate'], [''], ['serviceaccounts']),
    rule(WRITE, [''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
    rule(['create'], [''], ['pods/eviction']),
    rule(WRITE, [''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy']),
    rule(['create'], [''], ['serviceaccounts/token']),
    rule(WRITE, ['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale']),
    rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
    rule(WRITE, ['batch'], ['cronjobs', 'jobs']),
    rule(WRITE, ['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale']),
    rule(WRITE, ['policy'], ['poddisruptionbudgets']),
    rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
    rule(ALL_VERBS, ['coordination.k8s.io'], ['leases']),
];
/** What admin adds to edit: granting access within the namespace. */
const ADMIN_RULES = [
    rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
    rule(ALL_VERBS, [RBAC_GROUP], ['rolebindings', 'roles']),
];
export const CLUSTER_ROLES = [
    clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])]),
    clusterRole('admin', null, { aggregates: 'admin' }),
    clusterRole('edit', null, { aggregates: 'edit', into: 'admin' }),
    clusterRole('view', null, { aggregates: 'view', into: 'edit' }),
    clusterRole('system:aggregate-to-admin', ADMIN_RULES, { into: 'admin' }),
    clusterRole('system:aggregate-to-edit', EDIT_RULES, { into: 'edit' }),
    clusterRole('system:aggregate-to-view', VIEW_RULES, { into: 'view' }),
    clusterRole('system:basic-user', [rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']), rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews'])]),
    clusterRole('system:discovery', [urls(['get'], ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'])]),
    clusterRole('system:public-info-viewer', [urls(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/'])]),
    clusterRole('system:monitoring', [urls(['get'], ['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'])]),
    clusterRole('system:service-account-issuer-discovery', [urls(['get'], ['/.well-known/openid-configuration', '/openid/v1/jwks'])]),
    clusterRole('system:node-proxier', [
        rule(['list', 'watch'], [''], ['endpoints', 'services']),
        rule(READ, [''], ['nodes']),
        rule(EVENT_WRITE, ['', 'events.k8s.io'], ['events']),
        rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']),
    ]),
    // What a joining node's bootstrap identity may do: ask for its certificate and read the answer.
    clusterRole('system:node-bootstrapper', [rule(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests'])]),
    // berth's cluster DNS answers for Services, Pods (by IP) and EndpointSlices, like CoreDNS's system:coredns.
    clusterRole('system:berth:cluster-dns', [
        rule(['list', 'watch'], [''], ['endpoints', 'services', 'pods', 'namespaces']),
        rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']),
    ]),
    // berth's NetworkPolicy enforcer reads what network plugins' agents read.
    clusterRole('system:berth:network-policy-agent', [rule(READ, [''], ['pods', 'namespaces']), rule(READ, ['networking.k8s.io'], ['networkpolicies'])]),
    // The node's local-path provisioner: the rules of k3s's local-path-provisioner-role.
    clusterRole('system:berth:local-path-provisioner', [
        rule([...READ, 'create', 'delete', 'patch', 'update'], [''], ['persistentvolumes']),
        rule([...READ, 'update'], [''], ['persistentvolumeclaims']),
        rule(EVENT_WRITE, ['', 'events.k8s.io'], ['events']),
        rule([...READ, 'create'], ['storage.k8s.io'], ['storageclasses']),
    ]),
];
export const CLUSTER_ROLE_BINDINGS = [
    clusterBinding('cluster-admin', [subject('Group', 'system:masters')]),
    clusterBinding('system:basic-user', [subject('Group', 'system:authenticated')]),
    clusterBinding('system:discovery', [subject('Group', 'system:authenticated')]),
    clusterBinding('system:public-info-viewer', [subject('Group', 'system:authenticated'), subject('Group', 'system:unauthenticated')]),
    clusterBinding('system:monitoring', [subject('Group', 'system:monitoring')]),
    clusterBinding('system:service-account-issuer-discovery', [subject('Group', 'system:serviceaccounts')]),
    clusterBinding('system:node-proxier', [subject('User', KUBE_PROXY_USER)]),
    // kubeadm's kubeadm:kubelet-bootstrap binding: join tokens' users are in system:bootstrappers.
    clusterBinding('system:node-bootstrapper', [subject('Group', 'system:bootstrappers')]),
    clusterBinding('system:berth:cluster-dns', [subject('User', KUBE_DNS_USER)]),
    clusterBinding('system:berth:network-policy-agent', [subject('User', NETWORK_POLICY_AGENT)]),
    clusterBinding('system:berth:local-path-provisioner', [subject('User', LOCAL_PATH_PROVISIONER_USER)]),
];
//# sourceMappingURL=bootstrap-policy.js.map
// Wires one RestStorage per served resource over a backend: the API server's whole state.
import { apiVersionOf, RESOURCES } from '../../api/schema/resources.js';
import { nodeRestriction } from '../admission/node-restriction.js';
import { NodeGraph } from '../auth/node-graph.js';
import { genericStrategy } from './kinds/generic.js';
import { podStrategy } from './kinds/pod.js';
import { serviceStrategy } from './kinds/service.js';
import { ServiceAllocator } from './service-allocator.js';
import { AllocationClaims } from './allocation-claims.js';
import { jobStrategy } from './kinds/job.js';
import { FINALIZE, namespaceFinalized, NamespaceLifecycle } from './namespaces.js';
import { RestStorage } from './rest.js';
import { resourcePrefix } from './keys.js';
import { admitPodReferences } from '../admission/pod-references.js';
import { PriorityClasses } from '../admission/priority.js';
import { admitServiceAccount } from '../admission/service-account.js';
import { certificateSigningRequestStrategy } from './kinds/certificates.js';
import { RbacAuthorizer } from '../auth/rbac-authorizer.js';
import { rbacEscalationCheck } from '../auth/rbac-escalation.js';
import { ensureBootstrapPolicy } from './rbac-bootstrap.js';
import { RBAC_GROUP } from '../../api/validation/rbac.js';
import { CustomResources } from '../crd/catalog.js';
import { customResourceDefinitionStrategy } from '../crd/definition-strategy.js';
import { StorageClasses } from '../admission/storage-class.js';
import { LimitRanges } from '../admission/limit-range.js';
import { ResourceQuotas } from '../admission/resource-quota.js';
import { ValidatingPolicies } from '../admission/validating-policy.js';
export const SYSTEM_CONTEXT = {
    user: { name: 'system:apiserver', groups: ['system:masters'] },
    dryRun: false,
    fieldValidation: 'Ignore',
    warnings: [],
};
function strategyFor(r, allocator, authz, crds) {
    switch (r.kind) {
        case 'CustomResourceDefinition':
            return customResourceDefinitionStrategy(crds.conflicts);
        case 'Pod':
            return podStrategy();
        case 'Node':
            return genericStrategy({ kind: 'Node', hasStatus: true });
        case 'Namespace':
            return { ...genericStrategy({ kind: 'Namespace', hasStatus: true }), subresourceWrites: { finalize: FINALIZE }, isFinalized: namespaceFinalized };
        case 'Lease':
            return genericStrategy({ kind: 'Lease', allowCreateOnUpdate: true });
        case 'Event':
            return genericStrategy({ kind: 'Event', allowCreateOnUpdate: true });
        case 'Deployment':
        case 'ReplicaSet':
        case 'DaemonSet':
        case 'StatefulSet':
        case 'ReplicationController':
        case 'PodDisruptionBudget':
            // Status is the controller's: a created workload starts with none, whatever the client sent.
            return genericStrategy({ kind: r.kind, hasStatus: true, resetStatusOnCreate: true });
        case 'Service':
            return serviceStrategy(allocator);
        case 'Job':
            return jobStrategy();
        case 'CronJob':
            return genericStrategy({ kind: 'CronJob', hasStatus: true, resetStatusOnCreate: true });
        case 'CertificateSigningRequest':
            return certificateSigningRequestStrategy(authz);
        case 'ValidatingAdmissionPolicy':
            return genericStrategy({ kind: r.kind, hasStatus: true });
        case 'PersistentVolume':
        case 'PersistentVolumeClaim':
        case 'Ingress':
        case 'ResourceQuota':
            // Status is the binder's (or the ingress controller's, or the quota controller's): a new object starts with the defaulted one.
            return genericStrategy({ kind: r.kind, hasStatus: true, resetStatusOnCreate: true });
        default:
            return genericStrategy({ kind: r.kind });
    }
}
/** A kind's own admission (CSR approval rights) before the node restriction. */
function chainAdmit(first, then) {
    if (!first || !then)
        return first ?? then;
    return (verb, obj, old, ctx, sub) => {
        first(verb, obj, old, ctx, sub);
        then(verb, obj, old, ctx, sub);
    };
}
/** Kinds that are answered, never stored (handlers/tokens.ts, handlers/access-reviews.ts). */
const UNSTORED = new Set(['TokenReview', 'SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SelfSubjectReview']);
export class Registry {
    #storages = new Map();
    namespaces;
    /** Which node may read what, kept from the Pod watch cache (the node authorizer's graph). */
    nodeGraph = new NodeGraph();
    /** Cluster IPs (from --service-cidr) and node ports, as the stored Services hold them. */
    serviceAllocator;
    priorityClasses;
    /** RBAC's view of the stored roles and bindings, kept from their watch caches. */
    rbac;
    /** The custom resources the CustomResourceDefinitions define, served as they come and go. */
    customResources;
    /** The ValidatingAdmissionPolicies and bindings, run on every write (admission/validating-policy.ts). */
    validatingPolicies;
    /** sharedStore: several API servers write this store (etcd), so allocations are claimed in it. */
    constructor(backend, opts = {}) {
        const claims = opts.sharedStore ? new AllocationClaims(backend, (e) => console.error('berth: releasing a Service allocation:', e instanceof Error ? e.message : e)) : undefined;
        this.serviceAllocator = new ServiceAllocator(opts.serviceCIDR, claims);
        this.customResources = new CustomResources(backend, SYSTEM_CONTEXT, opts.watchCacheSize);
        const nodeUid = (name) => this.core('nodes').getEntry(undefined, name)?.obj.metadata.uid;
        // Assigned with the PriorityClass storage below; Pods are admitted only once the server runs.
        let priorityClasses;
        this.rbac = new RbacAuthorizer((kind, ns, name) => {
            const obj = this.of(RBAC_GROUP, kind === 'Role' ? 'roles' : 'clusterroles').getEntry(kind === 'Role' ? ns : undefined, name)?.obj;
            return obj ? (Array.isArray(obj.rules) ? obj.rules : []) : undefined;
        });
        // Assigned with the StorageClass storage below, which follows the claims' in RESOURCES.
        let storageClasses;
        // Assigned with their storages below, which follow the Pods' in RESOURCES.
        let limitRanges;
        let quotas;
        for (const r of RESOURCES) {
            // Bindings are a verb on pods, and events.k8s.io Events are stored as core Events.
            if (r.kind === 'Binding' || r.group === 'events.k8s.io')
                continue;
            if (UNSTORED.has(r.kind))
                continue;
            const nodes = nodeRestriction(r, nodeUid);
            const isPod = r.group === '' && r.plural === 'pods';
            const admit = isPod
                ? (verb, obj, old, ctx, sub) => {
                    nodes?.(verb, obj, old, ctx, sub);
                    admitPodReferences(verb, obj, priorityClasses);
                    if (verb === 'create' && obj)
                        limitRanges.admitPod(obj);
                }
                : r.kind === 'PriorityClass'
                    ? (verb, obj, old) => priorityClasses.admit(verb, obj, old)
                    : r.group === RBAC_GROUP
                        ? rbacEscalationCheck(r.plural, this)
                        : r.kind === 'PersistentVolumeClaim'
                            ? (verb, obj, old, ctx, sub) => {
                                nodes?.(verb, obj, old, ctx, sub);
                                storageClasses.admitClaim(verb, obj, old, sub);
                            }
                            : nodes;
            const own = strategyFor(r, this.serviceAllocator, this, this.customResources);
            // Policies run last, on the object as the built-in admission left it; they are read when a request
            // comes (the policy storages are created later in this loop).
            const policies = (verb, obj, old, ctx, sub) => this.validatingPolicies.admit(r, verb, obj, old, ctx, sub);
            const strategy = { ...own, admit: chainAdmit(chainAdmit(own.admit, admit), policies) };
            if (isPod)
                strategy.admitCreate = (obj) => admitServiceAccount(obj, (ns, name) => this.core('serviceaccounts').getEntry(ns, name)?.obj);
            if (r.namespaced) {
                strategy.admitValidated = (obj, ctx) => quotas.admitCreate(r, obj, ctx);
                strategy.admitValidatedUpdate = (obj, old, ctx, sub) => quotas.admitUpdate(r, obj, old, ctx, sub);
            }
            const storage = new RestStorage(r, backend, strategy, opts.watchCacheSize);
            this.#storages.set(r, storage);
            if (r.kind === 'PriorityClass')
                priorityClasses = new PriorityClasses(storage);
            if (r.kind === 'StorageClass')
                storageClasses = new StorageClasses(storage);
            if (r.kind === 'LimitRange')
                limitRanges = new LimitRanges(storage);
            if (r.kind === 'ResourceQuota')
                quotas = new ResourceQuotas(storage, SYSTEM_CONTEXT);
        }
        this.priorityClasses = priorityClasses;
        const admissionGroup = 'admissionregistration.k8s.io';
        this.validatingPolicies = new ValidatingPolicies({
            policies: this.of(admissionGroup, 'validatingadmissionpolicies'),
            bindings: this.of(admissionGroup, 'validatingadmissionpolicybindings'),
            namespaces: this.core('namespaces'),
            storageOfKind: (apiVersion, kind) => {
                for (const [r, st] of this.#storages)
                    if (r.kind === kind && apiVersionOf(r) === apiVersion)
                        return st;
                const custom = this.customResources.resources().find((r) => r.kind === kind && apiVersionOf(r) === apiVersion);
                return custom && this.customResources.storage(custom);
            },
            authorizers: this,
        });
        this.customResources.policyAdmission = (r, verb, obj, old, ctx, sub) => this.validatingPolicies.admit(r, verb, obj, old, ctx, sub);
        this.customResources.quotaAdmission = (r, obj, ctx) => quotas.admitCreate(r, obj, ctx);
        this.core('pods').cache.addIndex(this.nodeGraph);
        this.nodeGraph.volumeClaim = (volume) => {
            const ref = this.core('persistentvolumes').getEntry(undefined, volume)?.obj?.spec?.claimRef;
            return ref?.name ? { namespace: ref.namespace ?? '', name: ref.name } : undefined;
        };
        this.core('services').cache.addIndex(this.serviceAllocator);
        this.of(RBAC_GROUP, 'rolebindings').cache.addIndex(this.rbac.roleBindings);
        this.of(RBAC_GROUP, 'clusterrolebindings').cache.addIndex(this.rbac.clusterRoleBindings);
        const all = [...this.#storages.values()];
        const nsStorage = all.find((s) => s.resource.kind === 'Namespace');
        this.namespaces = new NamespaceLifecycle(nsStorage, SYSTEM_CONTEXT);
        for (const s of all)
            if (s.resource.namespaced)
                s.namespaceGate = this.namespaces;
        this.customResources.attach(this.of('apiextensions.k8s.io', 'customresourcedefinitions'), this.namespaces);
    }
    storage(r) {
        return this.#storages.get(r) ?? this.customResources.storage(r);
    }
    /** The storage for a kind in the core group (for internal use: pods, nodes, …). */
    core(plural) {
        return this.of('', plural);
    }
    /** The storage for a kind of any group, for internal use (policy poddisruptionbudgets, …). */
    of(group, plural) {
        for (const [r, s] of this.#storages)
            if (r.group === group && r.plural === plural)
                return s;
        throw new Error(`no storage for ${plural}`);
    }
    async start() {
        await Promise.all([...this.#storages.values()].map((s) => s.cache.start()));
        await this.customResources.ready();
        await this.namespaces.start();
        await this.priorityClasses.ensureSystemClasses(SYSTEM_CONTEXT);
        await ensureBootstrapPolicy(this.of(RBAC_GROUP, 'clusterroles'), this.of(RBAC_GROUP, 'clusterrolebindings'), SYSTEM_CONTEXT);
    }
    stop() {
        for (const s of this.#storages.values())
            s.cache.stop();
        this.customResources.stop();
    }
    prefixes() {
        return [...this.#storages.keys()].map(resourcePrefix);
    }
}
//# sourceMappingURL=index.js.map
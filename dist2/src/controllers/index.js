// The controllers berth runs beside the scheduler, started together.
import { SharedInformers } from '../client/shared.js';
import { NodeLifecycleController } from './nodelifecycle.js';
import { PodGarbageCollector } from './podgc.js';
import { DeploymentController } from './deployment.js';
import { GarbageCollector } from './garbagecollector.js';
import { ReplicaSetController, REPLICATION_CONTROLLERS } from './replicaset.js';
import { DaemonSetController } from './daemonset.js';
import { StatefulSetController } from './statefulset.js';
import { EndpointSliceController } from './endpointslice.js';
import { EndpointsController } from './endpoints.js';
import { JobController } from './job.js';
import { CronJobController } from './cronjob.js';
import { DisruptionController } from './disruption.js';
import { NamespaceController } from './namespace.js';
import { PersistentVolumeController } from './persistentvolume.js';
import { defaultServiceAccount, NamespaceObjectController, rootCAConfigMap } from './namespaceobjects.js';
import { CertificateSigningController } from './csrsigning.js';
import { CertificateApprovingController } from './csrapproving.js';
import { NodeIpamController } from './nodeipam.js';
import { KUBE_DNS_USER, KUBE_PROXY_USER, LOCAL_PATH_PROVISIONER_USER, NETWORK_POLICY_AGENT } from '../apiserver/auth/bootstrap-policy.js';
import { ClusterRoleAggregationController } from './clusterroleaggregation.js';
import { ResourceQuotaController } from './resourcequota.js';
/** Runs every controller of the control plane (but those `disabled` names) until the signal aborts. */
export async function startControllers(client, opts, signal) {
    const log = opts.log;
    const informers = opts.informers ?? new SharedInformers(client, (e) => log?.(`watch: ${e.message}`));
    await Promise.all([
        new NodeLifecycleController(client, { ...opts.nodeLifecycle, informers, ...(log ? { log } : {}) }).run(signal),
        new PodGarbageCollector(client, { informers, ...(opts.podGCQuarantineMs !== undefined ? { quarantineMs: opts.podGCQuarantineMs } : {}), ...(log ? { log } : {}) }).run(signal),
        new ReplicaSetController(client, { informers, ...(log ? { log: (l) => log(`replicaset: ${l}`) } : {}) }).run(signal),
        new ReplicaSetController(client, { informers, kind: REPLICATION_CONTROLLERS, ...(log ? { log: (l) => log(`replication-controller: ${l}`) } : {}) }).run(signal),
        new DeploymentController(client, { informers, ...(log ? { log: (l) => log(`deployment: ${l}`) } : {}) }).run(signal),
        new DaemonSetController(client, { informers, ...(log ? { log: (l) => log(`daemonset: ${l}`) } : {}) }).run(signal),
        new StatefulSetController(client, { informers, ...(log ? { log: (l) => log(`statefulset: ${l}`) } : {}) }).run(signal),
        new DisruptionController(client, { informers, ...(log ? { log: (l) => log(`disruption: ${l}`) } : {}) }).run(signal),
        new NamespaceController(client, { informers, ...(log ? { log: (l) => log(`namespace: ${l}`) } : {}) }).run(signal),
        new GarbageCollector(client, { informers, ...(log ? { log: (l) => log(`garbage-collector: ${l}`) } : {}) }).run(signal),
        new EndpointSliceController(client, { informers, ...(log ? { log: (l) => log(`endpointslice: ${l}`) } : {}) }).run(signal),
        new EndpointsController(client, { informers, ...(log ? { log: (l) => log(`endpoints: ${l}`) } : {}) }).run(signal),
        opts.disabled?.has('job') ? undefined : new JobController(client, { informers, ...(log ? { log: (l) => log(`job: ${l}`) } : {}) }).run(signal),
        opts.disabled?.has('cronjob') ? undefined : new CronJobController(client, { informers, ...(log ? { log: (l) => log(`cronjob: ${l}`) } : {}) }).run(signal),
        new PersistentVolumeController(client, { informers, ...(log ? { log: (l) => log(`persistentvolume-binder: ${l}`) } : {}) }).run(signal),
        new NamespaceObjectController(client, defaultServiceAccount, { informers, ...(log ? { log: (l) => log(`serviceaccount: ${l}`) } : {}) }).run(signal),
        ...(opts.rootCA ? [new NamespaceObjectController(client, rootCAConfigMap(opts.rootCA), { informers, ...(log ? { log: (l) => log(`root-ca-cert-publisher: ${l}`) } : {}) }).run(signal)] : []),
        ...(opts.signer ? [new CertificateSigningController(client, { sign: opts.signer, ...(log ? { log: (l) => log(`csrsigning: ${l}`) } : {}) }).run(signal)] : []),
        new CertificateApprovingController(client, { componentUsers: [KUBE_PROXY_USER, KUBE_DNS_USER, NETWORK_POLICY_AGENT, LOCAL_PATH_PROVISIONER_USER], ...(log ? { log: (l) => log(`csrapproving: ${l}`) } : {}) }).run(signal),
        ...(opts.clusterCIDR ? [new NodeIpamController(client, { clusterCIDR: opts.clusterCIDR, informers, ...(log ? { log: (l) => log(`nodeipam: ${l}`) } : {}) }).run(signal)] : []),
        new ClusterRoleAggregationController(client, { ...(log ? { log: (l) => log(`clusterrole-aggregation: ${l}`) } : {}) }).run(signal),
        new ResourceQuotaController(client, { informers, ...(log ? { log: (l) => log(`resourcequota: ${l}`) } : {}) }).run(signal),
    ]);
}
//# sourceMappingURL=index.js.map
// core/v1 defaults for the kinds that carry a Pod template outside apps/v1: ReplicationController
// (selector and labels default to the template's labels, as upstream) and PodTemplate.
import { defaultPodTemplate } from './apps.js';
export function defaultReplicationController(rc) {
    rc.spec ??= {};
    const labels = rc.spec.template?.metadata?.labels;
    if (labels) {
        if (!rc.spec.selector || Object.keys(rc.spec.selector).length === 0)
            rc.spec.selector = { ...labels };
        if (!rc.metadata.labels || Object.keys(rc.metadata.labels).length === 0)
            rc.metadata.labels = { ...labels };
    }
    rc.spec.replicas ??= 1;
    defaultPodTemplate(rc.spec.template);
}
export function defaultPodTemplateObject(pt) {
    defaultPodTemplate(pt.template);
}
//# sourceMappingURL=replication.js.map
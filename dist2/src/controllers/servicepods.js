// The events both endpoint controllers react to: a Service changed, or a Pod that one selects (before
// or after the change) changed. Each queues the `namespace/name` of the Services concerned.
import { keyOf } from '../client/informer.js';
import { selects } from './serviceendpoints.js';
export function watchServicePods(services, pods, queue) {
    const svcChanged = (s) => queue.add(keyOf(s));
    services.addHandlers({ onAdd: svcChanged, onUpdate: (_o, s) => svcChanged(s), onDelete: svcChanged });
    const podChanged = (old, p) => {
        for (const svc of services.byIndex('namespace', p.metadata.namespace ?? '')) {
            if (selects(svc, p) || (old && selects(svc, old)))
                queue.add(keyOf(svc));
        }
    };
    pods.addHandlers({ onAdd: (p) => podChanged(undefined, p), onUpdate: podChanged, onDelete: (p) => podChanged(undefined, p) });
}
//# sourceMappingURL=servicepods.js.map
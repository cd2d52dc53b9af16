// The events both endpoint controllers react to: a Service changed, or a Pod that one selects (before
// or after the change) changed. Each queues the `namespace/name` of the Services concerned.

import type { Pod, Service } from '../api/types.js';
import { keyOf, type Informer } from '../client/informer.js';
import type { WorkQueue } from '../client/workqueue.js';
import { onAnyChange } from './keyed-controller.js';
import { selects } from './serviceendpoints.js';

export function watchServicePods(services: Informer<Service>, pods: Informer<Pod>, queue: WorkQueue): void {
  services.addHandlers(onAnyChange((s) => queue.add(keyOf(s))));
  const podChanged = (old: Pod | undefined, p: Pod) => {
    for (const svc of services.byIndex('namespace', p.metadata.namespace ?? '')) {
      if (selects(svc, p) || (old && selects(svc, old))) queue.add(keyOf(svc));
    }
  };
  pods.addHandlers({ onAdd: (p) => podChanged(undefined, p), onUpdate: podChanged, onDelete: (p) => podChanged(undefined, p) });
}

// Annotations berth itself writes, shared by the component that writes one and those that read it.
/** When the scheduler first saw a Pod (MicroTime), carried by its Binding onto the Pod. */
export const SEEN_BY_SCHEDULER = 'scheduling.berth/seen-at';
//# sourceMappingURL=annotations.js.map
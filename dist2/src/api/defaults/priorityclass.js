// scheduling.k8s.io/v1 defaults: a PriorityClass is worth 0 unless it says otherwise (the Go field is a
// plain int32), and preempts lower priorities unless it says Never.
export function defaultPriorityClass(pc) {
    pc.value ??= 0;
    pc.preemptionPolicy ??= 'PreemptLowerPriority';
}
//# sourceMappingURL=priorityclass.js.map
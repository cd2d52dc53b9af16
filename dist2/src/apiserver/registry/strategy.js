// What differs between kinds, as hooks the generic REST store calls: defaults, validation, what an
// update may touch, and how deletion proceeds. One object per kind, in registry/kinds/.
export {};
//# sourceMappingURL=strategy.js.map
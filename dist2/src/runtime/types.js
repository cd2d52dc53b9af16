// The node's container runtime as the kubelet sees it: CRI-shaped, so the kubelet decides and the
// runtime does. runc/ implements RuntimeService, images/ implements ImageService, fake/ fakes both for
// hollow nodes.
export {};
//# sourceMappingURL=types.js.map
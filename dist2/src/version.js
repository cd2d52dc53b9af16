/** berth's own version, reported in /version's gitVersion and the node's kubeletVersion. */
export const BERTH_VERSION = '0.1.0';
//# sourceMappingURL=version.js.map
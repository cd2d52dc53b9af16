/** Where the cluster CA's PEM is served to anyone (k3s's path): a joining node's first request. */
export const CA_PATH = '/cacerts';

// How the REST client reaches an API server. The HTTPS transport is the default; an in-process
// transport can implement the same two calls and skip the network, never the API's rules.
export {};
//# sourceMappingURL=transport.js.map
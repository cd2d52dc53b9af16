// The images package's public surface.
export { ImageStore } from './store.js';
export { ImageError, isImageError } from './errors.js';
export { parseReference, normalizeReference, normalizeReferenceString, formatReference } from './reference.js';
export { loadRegistryConfig } from './registries.js';
export { credentialsFromDockerConfig } from './dockerconfig.js';
//# sourceMappingURL=index.js.map
// The images package's public surface.
export { ImageStore, type ImageStoreOptions } from './store.js';
export { ImageError, isImageError, type ImageErrorReason } from './errors.js';
export { parseReference, normalizeReference, normalizeReferenceString, formatReference, type ImageReference } from './reference.js';
export { loadRegistryConfig, type RegistryConfig, type RegistryHostConfig } from './registries.js';
export { credentialsFromDockerConfig } from './dockerconfig.js';
export type { GcOptions, GcResult } from './gc.js';

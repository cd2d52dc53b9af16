// sha256 digests as OCI writes them: `sha256:<64 hex>`.
import { createHash } from 'node:crypto';
import { ImageError } from './errors.js';
const DIGEST = /^sha256:[a-f0-9]{64}$/;
export function isDigest(s) {
    return DIGEST.test(s);
}
export function assertDigest(s) {
    if (!isDigest(s))
        throw new ImageError('ErrImagePull', `unsupported or malformed digest "${s}"`);
    return s;
}
export function digestOf(data) {
    return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
/** The hex part, used as a file name. */
export function hexOf(digest) {
    return assertDigest(digest).slice('sha256:'.length);
}
//# sourceMappingURL=digest.js.map
// Image failures carry the reason the kubelet reports in a container's Waiting state, so it can map
// them without parsing messages.
import { ApiError } from '../../api/errors.js';
const codeOf = {
    InvalidImageName: 'Invalid',
    ErrImagePull: 'InternalError',
    ImageNotPresent: 'NotFound',
    ImageInUse: 'Conflict',
};
export class ImageError extends ApiError {
    reason;
    constructor(reason, message) {
        super(codeOf[reason], message);
        this.name = 'ImageError';
        this.reason = reason;
    }
}
export function isImageError(e, reason) {
    return e instanceof ImageError && (reason === undefined || e.reason === reason);
}
//# sourceMappingURL=errors.js.map
// Image failures carry the reason the kubelet reports in a container's Waiting state, so it can map
// them without parsing messages.
import { ApiError, type ErrorCode } from '../../api/errors.js';

export type ImageErrorReason = 'InvalidImageName' | 'ErrImagePull' | 'ImageNotPresent' | 'ImageInUse';

const codeOf: Record<ImageErrorReason, ErrorCode> = {
  InvalidImageName: 'Invalid',
  ErrImagePull: 'InternalError',
  ImageNotPresent: 'NotFound',
  ImageInUse: 'Conflict',
};

export class ImageError extends ApiError {
  readonly reason: ImageErrorReason;
  constructor(reason: ImageErrorReason, message: string) {
    super(codeOf[reason], message);
    this.name = 'ImageError';
    this.reason = reason;
  }
}

export function isImageError(e: unknown, reason?: ImageErrorReason): e is ImageError {
  return e instanceof ImageError && (reason === undefined || e.reason === reason);
}

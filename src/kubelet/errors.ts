// Why a container could not be run: the reason becomes its waiting state, the message the status
// message and the Warning event, worded as the kubelet words them.

export type ContainerErrorReason =
  | 'CreateContainerConfigError'
  | 'CreateContainerError'
  | 'RunContainerError'
  | 'ErrImagePull'
  | 'ImagePullBackOff'
  | 'ErrImageNeverPull'
  | 'InvalidImageName'
  | 'PostStartHookError';

export class ContainerError extends Error {
  readonly reason: ContainerErrorReason;
  constructor(reason: ContainerErrorReason, message: string) {
    super(message);
    this.name = 'ContainerError';
    this.reason = reason;
  }
}

/** A volume could not be set up: a FailedMount event, and the Pod stays ContainerCreating. */
export class VolumeError extends Error {
  constructor(readonly volume: string, detail: string) {
    super(`MountVolume.SetUp failed for volume "${volume}" : ${detail}`);
    this.name = 'VolumeError';
  }
}

export const configError = (message: string): ContainerError => new ContainerError('CreateContainerConfigError', message);

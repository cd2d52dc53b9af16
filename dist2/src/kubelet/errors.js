// Why a container could not be run: the reason becomes its waiting state, the message the status
// message and the Warning event, worded as the kubelet words them.
export class ContainerError extends Error {
    reason;
    constructor(reason, message) {
        super(message);
        this.name = 'ContainerError';
        this.reason = reason;
    }
}
/** A volume could not be set up: a FailedMount event, and the Pod stays ContainerCreating. */
export class VolumeError extends Error {
    volume;
    constructor(volume, detail) {
        super(`MountVolume.SetUp failed for volume "${volume}" : ${detail}`);
        this.volume = volume;
        this.name = 'VolumeError';
    }
}
export const configError = (message) => new ContainerError('CreateContainerConfigError', message);
//# sourceMappingURL=errors.js.map
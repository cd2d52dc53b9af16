// The pause (sandbox) image: Debian's static catatonit as PID 1, reaping children and waiting.
import { chmod, copyFile, mkdir } from 'node:fs/promises';
import { tarDirectory } from './layout.js';
/** The sandbox image reference the kubelet pins; bump the tag when the recipe changes. */
export const PAUSE_IMAGE = 'berth.local/pause:1.0';
export const pause = {
    name: PAUSE_IMAGE,
    packages: ['catatonit'],
    pinned: true,
    config: { Entrypoint: ['/catatonit', '-P'], Env: ['PATH=/'], StopSignal: 'SIGTERM' },
    async rootfs(stage, layerTar) {
        for (const d of ['proc', 'sys', 'dev', 'etc'])
            await mkdir(`${stage}/${d}`, { recursive: true });
        await copyFile('/usr/bin/catatonit', `${stage}/catatonit`);
        await chmod(`${stage}/catatonit`, 0o755);
        await tarDirectory(stage, layerTar);
    },
};
//# sourceMappingURL=pause.js.map
// The busybox image, built from Debian's busybox-static in well under a second: the static
// binary, a symlink per applet, and the few files a shell user expects in /etc.
import { chmod, copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { run } from '../exec.js';
import { tarDirectory } from './layout.js';
const BUSYBOX = '/bin/busybox';
const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const busybox = {
    name: 'docker.io/library/busybox:latest',
    packages: ['busybox-static'],
    config: { Cmd: ['sh'], Env: [PATH_ENV] },
    async rootfs(stage, layerTar) {
        for (const d of ['bin', 'etc', 'root', 'home', 'var/spool/mail', 'var/www', 'usr/bin', 'usr/sbin', 'sbin', 'proc', 'sys', 'dev']) {
            await mkdir(`${stage}/${d}`, { recursive: true });
        }
        await mkdir(`${stage}/tmp`, { mode: 0o1777 });
        await chmod(`${stage}/tmp`, 0o1777);
        await chmod(`${stage}/root`, 0o700);
        await copyFile(BUSYBOX, `${stage}/bin/busybox`);
        await chmod(`${stage}/bin/busybox`, 0o755);
        const applets = (await run(BUSYBOX, ['--list-full'])).split('\n').filter((a) => a && a !== 'bin/busybox');
        for (const a of applets) {
            await mkdir(dirname(`${stage}/${a}`), { recursive: true });
            await symlink('/bin/busybox', `${stage}/${a}`);
        }
        await writeFile(`${stage}/etc/passwd`, 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
        await writeFile(`${stage}/etc/group`, 'root:x:0:\ndaemon:x:1:\nwww-data:x:33:\nnogroup:x:65534:\n');
        await writeFile(`${stage}/etc/shadow`, 'root:*:0:0:99999:7:::\nnobody:*:0:0:99999:7:::\n', { mode: 0o640 });
        await writeFile(`${stage}/etc/nsswitch.conf`, 'hosts: files dns\n');
        await tarDirectory(stage, layerTar);
    },
};
//# sourceMappingURL=busybox.js.map
// `berth images …`: pull, import, ls, rm and build images in the node's store at <dataDir>/images.
import { loadRegistryConfig, ImageStore, type RegistryConfig } from '../runtime/images/index.js';
import { buildImage, BUILD_NAMES, type BuildName } from '../runtime/images/build/index.js';
import type { ImageRef, PullProgress } from '../runtime/types.js';
import { defaultDataDir } from './data-dir.js';

const USAGE = `usage: berth images [--data-dir DIR] <command>
  pull REF [--registry-config FILE]   pull from a registry (progress on stderr)
  import FILE [NAME]                  import an OCI layout or docker save archive
  ls                                  list images
  rm REF                              remove an image or one of its tags
  build NAME                          build ${BUILD_NAMES.join('|')} from Debian packages
The store is DIR/images, DIR being the node's data dir (default ${defaultDataDir()}, as \`berth server\`'s):
Pods see an image only in the store of the server's own data dir.`;

function human(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) { n /= 1000; u++; }
  return `${n.toFixed(u === 0 ? 0 : 1)}${units[u]}`;
}

/** A one-line progress bar over all layers, redrawn on stderr. */
function progressBar(): { update(p: PullProgress): void; end(): void } {
  const layers = new Map<string, PullProgress>();
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(p) {
      layers.set(p.layer, p);
      const now = Date.now();
      if (!tty || (now - last < 100 && !p.done)) return;
      last = now;
      const all = [...layers.values()];
      const cur = all.reduce((n, l) => n + l.current, 0);
      const tot = all.reduce((n, l) => n + l.total, 0);
      const width = 30;
      const filled = tot ? Math.round((cur / tot) * width) : 0;
      process.stderr.write(`\r[${'='.repeat(filled)}${' '.repeat(width - filled)}] ${human(cur)}/${human(tot)} ${all.filter((l) => l.done).length}/${all.length} blobs`);
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

function printImages(images: ImageRef[]): void {
  const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE', 'SOURCE']];
  for (const img of images) {
    const tags = img.repoTags.length ? img.repoTags : ['<none>:<none>'];
    for (const t of tags) {
      const at = t.lastIndexOf(':');
      rows.push([t.slice(0, at), t.slice(at + 1), img.id.slice(7, 19), human(img.size), img.source ?? '']);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('   ').trimEnd()}\n`);
}

/** Runs `berth images ARGS…`; returns the process exit code. */
export async function imagesCommand(args: string[], dataDir: string): Promise<number> {
  if (args.some((a) => a === '--help' || a === '-h') || args[0] === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [cmd, ...rest] = args;
  const flag = rest.indexOf('--registry-config');
  let registries: RegistryConfig = {};
  if (flag >= 0) {
    registries = await loadRegistryConfig(rest[flag + 1] ?? '');
    rest.splice(flag, 2);
  }
  const store = new ImageStore({ root: `${dataDir}/images`, registries });
  // Which store changed: a server on another data dir would not see the image (and try Docker Hub).
  const wrote = () => process.stderr.write(`image store: ${store.root}\n`);
  try {
    switch (cmd) {
      case 'pull': {
        if (!rest[0]) break;
        const bar = progressBar();
        const img = await store.pullImage(rest[0], { onProgress: (p) => bar.update(p) }).finally(() => bar.end());
        process.stdout.write(`${img.repoDigests[0] ?? img.id}\n`);
        wrote();
        return 0;
      }
      case 'import': {
        if (!rest[0]) break;
        const imgs = await store.importArchive(rest[0], rest[1] ? { name: rest[1] } : {});
        for (const i of imgs) process.stdout.write(`imported ${i.repoTags[0] ?? i.id}\n`);
        wrote();
        return 0;
      }
      case 'ls':
      case 'list':
        printImages(await store.listImages());
        return 0;
      case 'rm': {
        if (!rest[0]) break;
        await store.removeImage(rest[0]);
        process.stdout.write(`removed ${rest[0]}\n`);
        wrote();
        return 0;
      }
      case 'build': {
        const name = rest[0] as BuildName;
        if (!BUILD_NAMES.includes(name)) break;
        const img = await buildImage(name, { store, log: (l) => process.stderr.write(`${l}\n`) });
        process.stdout.write(`${img.repoTags[0]} ${img.id}\n`);
        wrote();
        return 0;
      }
    }
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

// What a local image build needs to know: the name it gets, the Debian packages it comes from
// (their versions key the cache), its config, and how to produce its root file system tar.
import type { OciImageConfig } from '../media.js';

export interface Recipe {
  name: string;
  packages: string[];
  config: NonNullable<OciImageConfig['config']>;
  pinned?: boolean;
  /** Produces the root file system as an uncompressed tar at `layerTar`; `stage` is scratch space. */
  rootfs(stage: string, layerTar: string, log: (line: string) => void): Promise<void>;
  /** Versions are taken from the host's dpkg database unless the recipe resolves them itself. */
  versions?: () => Promise<string>;
}

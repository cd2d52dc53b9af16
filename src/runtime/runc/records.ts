// What berth must remember about each sandbox and container to manage them after a restart. runc keeps
// the process state; these JSON files keep the Kubernetes-side facts runc does not know.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerConfig, SandboxConfig } from '../types.js';

export interface SandboxRecord {
  id: string;
  config: SandboxConfig;
  createdAt: string;
  pid: number;
  ip?: string;
  netns?: string;
  cgroupParent: string;
  stopped?: boolean;
}

export interface ContainerRecord {
  id: string;
  sandboxId: string;
  config: ContainerConfig;
  createdAt: string;
  startedAt?: string;
  pid?: number;
  conmonPid?: number;
  /** Set when the process and its conmon were found gone with no exit recorded: the exit is unknowable. */
  lostAt?: string;
}

/** One directory per object holding `record.json`; written atomically so a crash never leaves half a file. */
export class RecordStore<T extends { id: string }> {
  constructor(readonly dir: string) {}

  pathOf(id: string): string {
    return join(this.dir, id);
  }

  async save(record: T): Promise<void> {
    const dir = this.pathOf(record.id);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'record.json.tmp'), JSON.stringify(record));
    await rename(join(dir, 'record.json.tmp'), join(dir, 'record.json'));
  }

  async loadAll(): Promise<T[]> {
    let ids: string[];
    try {
      ids = await readdir(this.dir);
    } catch {
      return [];
    }
    const records = await Promise.all(
      ids.map(async (id): Promise<T | null> => {
        try {
          return JSON.parse(await readFile(join(this.pathOf(id), 'record.json'), 'utf8')) as T;
        } catch {
          return null; // a directory whose creation never finished
        }
      }),
    );
    return records.filter((r) => r !== null);
  }

  async remove(id: string): Promise<void> {
    await rm(this.pathOf(id), { recursive: true, force: true });
  }
}

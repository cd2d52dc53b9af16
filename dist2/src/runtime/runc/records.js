// What berth must remember about each sandbox and container to manage them after a restart. runc keeps
// the process state; these JSON files keep the Kubernetes-side facts runc does not know.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
/** One directory per object holding `record.json`; written atomically so a crash never leaves half a file. */
export class RecordStore {
    dir;
    constructor(dir) {
        this.dir = dir;
    }
    pathOf(id) {
        return join(this.dir, id);
    }
    async save(record) {
        const dir = this.pathOf(record.id);
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, 'record.json.tmp'), JSON.stringify(record));
        await rename(join(dir, 'record.json.tmp'), join(dir, 'record.json'));
    }
    async loadAll() {
        let ids;
        try {
            ids = await readdir(this.dir);
        }
        catch {
            return [];
        }
        const records = await Promise.all(ids.map(async (id) => {
            try {
                return JSON.parse(await readFile(join(this.pathOf(id), 'record.json'), 'utf8'));
            }
            catch {
                return null; // a directory whose creation never finished
            }
        }));
        return records.filter((r) => r !== null);
    }
    async remove(id) {
        await rm(this.pathOf(id), { recursive: true, force: true });
    }
}
//# sourceMappingURL=records.js.map
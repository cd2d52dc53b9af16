import { access } from 'node:fs/promises';
/** Whether a path exists (any kind of file). */
export async function exists(p) {
    try {
        await access(p);
        return true;
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=fs.js.map
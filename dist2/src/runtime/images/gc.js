// Image garbage collection as the kubelet does it: when the image file system is fuller than
// highPercent, remove the least recently used images nobody uses until it is below lowPercent.
import { statfs } from 'node:fs/promises';
export async function usagePercent(path) {
    const s = await statfs(path);
    return s.blocks === 0 ? 0 : ((s.blocks - s.bfree) / s.blocks) * 100;
}
/** Images GC may remove, oldest use first. */
export function gcCandidates(images, inUse) {
    const used = (i) => i.pinned || inUse.has(i.id) || [...i.repoTags, ...i.repoDigests].some((r) => inUse.has(r));
    return images.filter((i) => !used(i)).sort((a, b) => a.lastUsed.localeCompare(b.lastUsed));
}
export async function collect(path, opts, images, remove) {
    let usage = await usagePercent(path);
    const removed = [];
    if (usage <= opts.highPercent)
        return { removed, usagePercent: usage };
    for (const img of gcCandidates(images, opts.inUse)) {
        if (usage < opts.lowPercent)
            break;
        await remove(img.id);
        removed.push(img.id);
        usage = await usagePercent(path);
    }
    return { removed, usagePercent: usage };
}
//# sourceMappingURL=gc.js.map
// Which rows of a long list of equal-height rows a screen shows: a page draws only those (and a
// few either side, so a quick scroll does not flash blank), whatever the list's length.
/**
 * top: where the list's first row starts, relative to the top of the viewport (negative once
 * scrolled past); viewport: the viewport's height; all in CSS pixels.
 */
export function rowWindow(count, rowHeight, top, viewport, overscan = 10) {
    const firstSeen = Math.floor(Math.max(0, -top) / rowHeight);
    const lastSeen = Math.ceil(Math.max(0, viewport - top) / rowHeight);
    const first = Math.min(count, Math.max(0, firstSeen - overscan));
    return { first, end: Math.max(first, Math.min(count, lastSeen + overscan)) };
}
//# sourceMappingURL=rowWindow.js.map
// One line of a container log as conmon writes it (the CRI format the kubelet reads):
// `<RFC3339Nano> <stdout|stderr> <P|F> <text>`, P marking a chunk that did not end in a newline.
// The `s` flag: a terminal's output carries carriage returns, which `.` would not match otherwise.
const LINE = /^(\S+) (stdout|stderr) (P|F) ?(.*)$/s;
/** The line's parts (its newline already split off), or null when it is not a log line. */
export function parseCriLine(line) {
    const m = LINE.exec(line);
    if (!m)
        return null;
    return { time: m[1], stream: m[2], partial: m[3] === 'P', text: m[4] };
}
//# sourceMappingURL=crilog.js.map
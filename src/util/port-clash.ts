// Listening on one port over UDP and TCP: asked for port 0, the kernel picks a free UDP port, whose
// TCP twin may already be another socket's (more so while other processes open ports at once).

/** Tries `listen` again (up to `attempts` in all) while port 0's pick meets EADDRINUSE; `listen` releases what it bound. */
export async function retryPortClash<T>(port: number, listen: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await listen();
    } catch (e) {
      if (port !== 0 || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === attempts) throw e;
    }
  }
}

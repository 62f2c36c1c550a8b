/** Open sockets per client IP, to refuse one address holding more than WS_MAX_CONNECTIONS_PER_IP. */
export class ConnectionsPerIp {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts a new connection from `ip`; false (and nothing counted) when the address is at its limit. */
  tryOpen(ip: string): boolean {
    const count = this.counts.get(ip) ?? 0;
    if (count >= this.max) return false;
    this.counts.set(ip, count + 1);
    return true;
  }

  close(ip: string): void {
    const count = (this.counts.get(ip) ?? 0) - 1;
    if (count > 0) this.counts.set(ip, count);
    else this.counts.delete(ip);
  }

  count(ip: string): number {
    return this.counts.get(ip) ?? 0;
  }
}

/**
 * One client's Server-Sent Events connection: the wire format (`retry:`, `id:` + `event: snapshot` + `data:`,
 * `: ping` comments) and what it was last sent. A client that stops reading is dropped rather than buffered for.
 */
import type { Response } from 'express';
import type { Snapshot } from './snapshot';
import { SnapshotId, isNewerThanSeen } from './snapshot-id';

const MAX_BUFFERED_BYTES = 1 << 20;

export class SseConnection {
  private heartbeat?: NodeJS.Timeout;
  private lastSentHash?: string;
  private opened = false;
  private closed = false;

  constructor(private readonly res: Response, private readonly onClosed: () => void) {
    res.on('close', () => this.ended());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Status, headers and the reconnection delay hint; then a `: ping` comment every `heartbeatMs`. */
  open(retryMs: number, heartbeatMs: number): void {
    this.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no', // nginx: do not buffer the stream
    });
    this.res.socket?.setNoDelay(true);
    this.opened = true;
    this.write(`retry: ${retryMs}\n\n`);
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), heartbeatMs);
  }

  /** On connect: the current snapshot, unless the client's Last-Event-ID says it already shows it (or a later one). */
  resume(current: Snapshot, seen: SnapshotId | null): void {
    if (isNewerThanSeen(current.parsedId, seen)) this.send(current);
    // The client shows what it saw, not what this process holds: if another process labelled different
    // numbers with a later position, the next snapshot computed here must still reach the client.
    else this.lastSentHash = seen?.hash ?? current.parsedId.hash;
  }

  /** A new snapshot of the agency, computed after this client connected (before `open`, `resume` sends the latest). */
  send(snapshot: Snapshot): void {
    if (!this.opened || snapshot.parsedId.hash === this.lastSentHash) return;
    this.lastSentHash = snapshot.parsedId.hash;
    this.write(`id: ${snapshot.id}\nevent: snapshot\ndata: ${snapshot.json}\n\n`);
  }

  close(): void {
    if (!this.closed) this.res.end();
    this.ended();
  }

  private write(frame: string): void {
    if (this.closed) return;
    if (this.res.writableLength > MAX_BUFFERED_BYTES) {
      this.res.destroy();
      this.ended();
      return;
    }
    this.res.write(frame);
  }

  private ended(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.onClosed();
  }
}

/** The lookups a bulk still has to send, in order; one put back (nothing was sent) is taken again first. */
export class WorkLine {
  private readonly ahead: number[] = [];
  private readonly rest: number[] = [];
  private next = 0;

  add(index: number): void {
    this.rest.push(index);
  }

  putBack(index: number): void {
    this.ahead.push(index);
  }

  take(): number | undefined {
    return this.ahead.shift() ?? (this.next < this.rest.length ? this.rest[this.next++] : undefined);
  }
}

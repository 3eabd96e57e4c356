/** Rectangle overlap: the test the layout must pass (no two label boxes intersect), and its repair. */

export interface Rect {
  x: number;
  y: number;
  readonly width: number;
  readonly height: number;
}

/** How far two centre-positioned rectangles overlap on each axis (both > 0 means they intersect), with `gap` kept. */
export function overlapOf(a: Rect, b: Rect, gap = 0): { dx: number; dy: number } {
  return {
    dx: (a.width + b.width) / 2 + gap - Math.abs(a.x - b.x),
    dy: (a.height + b.height) / 2 + gap - Math.abs(a.y - b.y),
  };
}

/** True when the two rectangles (centre-positioned) intersect. */
export function intersects(a: Rect, b: Rect): boolean {
  const { dx, dy } = overlapOf(a, b);
  return dx > 0 && dy > 0;
}

/** Every pair of rectangles, once. */
function pairs<T>(items: readonly T[]): Array<[T, T, number, number]> {
  const out: Array<[T, T, number, number]> = [];
  items.forEach((a, i) => {
    for (let j = i + 1; j < items.length; j++) out.push([a, items[j] as T, i, j]);
  });
  return out;
}

/** Pairs of intersecting rectangles, by index. */
export function intersectingPairs(rects: readonly Rect[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const [a, b, i, j] of pairs(rects)) if (intersects(a, b)) found.push([i, j]);
  return found;
}

/**
 * Moves `a` and `b` apart along the axis that needs the shorter move (sideways moves are preferred a little:
 * labels are wide). `shareA` of the move is `a`'s. Returns false when they were already apart.
 */
export function separate(a: Rect, b: Rect, gap: number, shareA: number, strength = 1): boolean {
  const { dx, dy } = overlapOf(a, b, gap);
  if (dx <= 0 || dy <= 0) return false;
  const alongX = dx < dy * 1.5;
  const key = alongX ? 'x' : 'y';
  const push = ((alongX ? dx : dy) + 0.5) * strength;
  // Coincident centres: a fixed direction keeps the result deterministic.
  const sign = Math.sign(b[key] - a[key]) || 1;
  a[key] -= sign * push * shareA;
  b[key] += sign * push * (1 - shareA);
  return true;
}

/**
 * Pushes intersecting rectangles apart until none intersect (`gap` between them); `pinned` never moves.
 * Any still caught after `maxPasses` (pushing can oscillate in a crowd) goes to a row of its own below the rest.
 */
export function removeOverlaps(rects: Rect[], gap: number, pinned = -1, maxPasses = 200): number {
  for (let pass = 1; pass <= maxPasses; pass++) {
    let moved = false;
    for (const [a, b, i, j] of pairs(rects)) {
      const shareA = i === pinned ? 0 : j === pinned ? 1 : 0.5;
      moved = separate(a, b, gap, shareA) || moved;
    }
    if (!moved) return pass;
  }
  shelveStragglers(rects, gap, pinned);
  return maxPasses;
}

function shelveStragglers(rects: Rect[], gap: number, pinned: number): void {
  const left = Math.min(...rects.map((r) => r.x - r.width / 2));
  let top = Math.max(...rects.map((r) => r.y + r.height / 2)) + gap;
  let x = left;
  let rowHeight = 0;
  rects.forEach((r, i) => {
    if (i === pinned || !rects.some((o, j) => j !== i && overlapOf(r, o, gap).dx > 0 && overlapOf(r, o, gap).dy > 0)) return;
    if (x > left && x + r.width > left + 1200) {
      top += rowHeight + gap;
      x = left;
      rowHeight = 0;
    }
    r.x = x + r.width / 2;
    r.y = top + r.height / 2;
    x += r.width + gap;
    rowHeight = Math.max(rowHeight, r.height);
  });
}

interface Movable {
  x?: number;
  y?: number;
  fx?: number | null;
}

/** A d3-force force that keeps rectangles apart while the simulation runs (d3's own collide is for circles). */
export function forceRectCollide(sizeOf: (index: number) => { width: number; height: number }, gap: number) {
  let nodes: Movable[] = [];
  const force = (alpha: number) => {
    const rects = nodes.map((n, i) => ({ x: n.x ?? 0, y: n.y ?? 0, ...sizeOf(i) }));
    for (const [a, b, i, j] of pairs(rects)) {
      const pinnedA = nodes[i]?.fx != null;
      const pinnedB = nodes[j]?.fx != null;
      separate(a, b, gap, pinnedA ? 0 : pinnedB ? 1 : 0.5, Math.min(1, 0.3 + alpha));
    }
    for (const [i, n] of nodes.entries()) {
      n.x = rects[i]?.x;
      n.y = rects[i]?.y;
    }
  };
  force.initialize = (list: Movable[]) => {
    nodes = list;
  };
  return force;
}

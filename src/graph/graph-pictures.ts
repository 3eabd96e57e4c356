/**
 * Pictures kept with the report: a drawing is keyed by a hash of what it shows (the graph, which follows the
 * report, its neighbours' reports and the feed marks) and the theme, so it is redrawn only when one of those
 * changes. The store shares pictures between replicas (Redis) for as long as a report stays fresh; a few
 * recent ones are kept in memory too, and identical drawings in flight are shared.
 */
import { createHash } from 'node:crypto';
import type Keyv from 'keyv';
import { UserError } from '../errors/user-error.js';
import { drawGraph, type GraphPicture } from './draw-graph.js';
import type { Graph } from './model.js';
import type { ThemeName } from './theme.js';

/** A drawing as kept and posted (the SVG is not kept: only the CLI writes it). */
export type KeptPicture = Omit<GraphPicture, 'svg'>;

interface StoredPicture extends Omit<KeptPicture, 'png'> {
  readonly png: string;
}

export const PICTURE_LIMITS = {
  /** A picture larger than this is posted but not kept (a bounded entry in the store). */
  maxBytes: 1_000_000,
  /** Pictures kept in this process's memory. */
  recent: 32,
  /** Drawings one person may have under way at once (a flood of presses waits on none of them). */
  perPerson: 2,
} as const;

// Part of every key: a change to how pictures are drawn must not serve the old drawings.
const DRAWING_VERSION = 'v1';

/** The key of a graph drawn in `theme`: a hash of everything the picture shows. */
export function pictureKey(graph: Graph, theme: ThemeName): string {
  const hash = createHash('sha256').update(JSON.stringify({ graph, theme })).digest('base64url');
  return `${DRAWING_VERSION}:${theme}:${hash}`;
}

/** One person asked for more pictures than `PICTURE_LIMITS.perPerson` at once. */
export class TooManyPicturesError extends UserError {
  constructor() {
    super(`I am drawing ${PICTURE_LIMITS.perPerson} pictures for you already; ask again when they are posted.`);
  }
}

export interface GraphPicturesOptions {
  /** How long a picture is kept in the store (the report's freshness). */
  readonly ttlMs: number;
  /** @default drawGraph (bounded per process) */
  readonly draw?: (graph: Graph, theme: ThemeName) => Promise<GraphPicture>;
  /** A store failure: the picture is drawn anyway. */
  readonly onStoreError?: (error: unknown) => void;
  /** Each picture served: drawn now, or kept (metrics). */
  readonly onPicture?: (outcome: 'drawn' | 'kept') => void;
}

export class GraphPictures {
  /** Drawings made, and pictures served without drawing (from this process or the store). */
  readonly stats = { drawn: 0, kept: 0 };
  private readonly recent = new Map<string, KeptPicture>();
  private readonly inFlight = new Map<string, Promise<KeptPicture>>();
  private readonly byPerson = new Map<string, number>();
  private readonly draw: NonNullable<GraphPicturesOptions['draw']>;

  /** `store` is shared with other replicas; null keeps pictures in this process only (a memory store). */
  constructor(
    private readonly store: Keyv | null,
    private readonly options: GraphPicturesOptions,
  ) {
    this.draw = options.draw ?? ((graph, theme) => drawGraph(graph, { theme }));
  }

  /** The picture of `graph`, drawn only when no replica has drawn the same one. `owner` is who asked. */
  async picture(graph: Graph, theme: ThemeName, owner = ''): Promise<KeptPicture> {
    const key = pictureKey(graph, theme);
    const known = this.remembered(key) ?? (await this.stored(key));
    if (known) {
      this.stats.kept++;
      this.options.onPicture?.('kept');
      return known;
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const work = this.drawFor(owner, key, graph, theme);
    this.inFlight.set(key, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async drawFor(owner: string, key: string, graph: Graph, theme: ThemeName): Promise<KeptPicture> {
    const busy = this.byPerson.get(owner) ?? 0;
    if (owner !== '' && busy >= PICTURE_LIMITS.perPerson) throw new TooManyPicturesError();
    this.byPerson.set(owner, busy + 1);
    try {
      const { svg: _svg, ...picture } = await this.draw(graph, theme);
      this.stats.drawn++;
      this.options.onPicture?.('drawn');
      this.remember(key, picture);
      await this.keep(key, picture);
      return picture;
    } finally {
      const left = (this.byPerson.get(owner) ?? 1) - 1;
      if (left > 0) this.byPerson.set(owner, left);
      else this.byPerson.delete(owner);
    }
  }

  private remembered(key: string): KeptPicture | undefined {
    const picture = this.recent.get(key);
    if (picture) this.remember(key, picture);
    return picture;
  }

  /** Most recently used last; the oldest is dropped beyond the bound. */
  private remember(key: string, picture: KeptPicture): void {
    this.recent.delete(key);
    this.recent.set(key, picture);
    for (const oldest of this.recent.keys()) {
      if (this.recent.size <= PICTURE_LIMITS.recent) break;
      this.recent.delete(oldest);
    }
  }

  private async stored(key: string): Promise<KeptPicture | undefined> {
    if (!this.store) return undefined;
    try {
      const found = (await this.store.get(key)) as StoredPicture | undefined;
      if (!found || typeof found.png !== 'string') return undefined;
      const picture = { ...found, png: Buffer.from(found.png, 'base64') };
      this.remember(key, picture);
      return picture;
    } catch (error) {
      this.options.onStoreError?.(error);
      return undefined;
    }
  }

  private async keep(key: string, picture: KeptPicture): Promise<void> {
    if (!this.store || this.options.ttlMs <= 0 || picture.png.length > PICTURE_LIMITS.maxBytes) return;
    const stored: StoredPicture = { ...picture, png: picture.png.toString('base64') };
    await this.store.set(key, stored, this.options.ttlMs).catch((error: unknown) => this.options.onStoreError?.(error));
  }
}

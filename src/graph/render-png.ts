/** SVG to PNG with resvg (prebuilt binaries from npm; no browser), with the shipped DejaVu Sans Mono only. */
import { createRequire } from 'node:module';
import { Resvg, type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js';
import { FONT_FAMILY } from './render-svg.js';

const require = createRequire(import.meta.url);

/** The font files drawn with (package `dejavu-fonts-ttf`; its LICENSE travels with it). */
export const FONT_FILES = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf'),
];

export interface PngPicture {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

function options(zoom: number): ResvgRenderOptions {
  return {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY, monospaceFamily: FONT_FAMILY },
    fitTo: zoom === 1 ? { mode: 'original' } : { mode: 'zoom', value: zoom },
    logLevel: 'off',
  };
}

/** Renders `svg` to PNG at `zoom` (2 for sharp text on high-density screens). No system font is read. */
export function renderPng(svg: string, zoom = 1): PngPicture {
  const image = new Resvg(svg, options(zoom)).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** The same, off the main thread (resvg's worker pool): the bot keeps answering while a picture is drawn. */
export async function renderPngAsync(svg: string, zoom = 1): Promise<PngPicture> {
  const image = await renderAsync(svg, options(zoom));
  return { png: image.asPng(), width: image.width, height: image.height };
}

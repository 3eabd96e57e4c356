/** `threatcrowd-bot graph <value>`: looks the value up, draws its neighbourhood and writes the PNG or SVG. */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { loadSettings } from '../config/settings.js';
import { UserError } from '../errors/user-error.js';
import { buildGraph } from '../graph/build-graph.js';
import { graphLookupsFrom } from '../graph/cached-graph-lookups.js';
import { drawGraph } from '../graph/draw-graph.js';
import { expandGraph } from '../graph/expand-graph.js';
import type { ThemeName } from '../graph/theme.js';
import { resolveTarget } from '../lookup/resolve-target.js';
import type { LookupType } from '../report/report.js';
import { createServices } from '../runtime/services.js';
import { displayTarget } from '../summary/display-target.js';
import type { CliIo } from './output.js';

export interface GraphCommandOptions {
  readonly depth?: string;
  readonly out?: string;
  readonly theme?: string;
  readonly type?: string;
}

function checkedOptions(options: GraphCommandOptions) {
  const depth = Number(options.depth ?? '1');
  if (depth !== 1 && depth !== 2) throw new UserError(`depth must be 1 or 2, not "${options.depth}"`, '--depth 1|2');
  const format = options.out === undefined ? null : extname(options.out).toLowerCase();
  if (format !== null && format !== '.png' && format !== '.svg') {
    throw new UserError('the output file must end in .png or .svg', '--out graph.png');
  }
  return { depth, format, theme: (options.theme ?? 'dark') as ThemeName };
}

/** Runs the command; resolves to the exit code. */
export async function runGraph(value: string, options: GraphCommandOptions, io: CliIo): Promise<number> {
  const settings = loadSettings(io.env);
  const { depth, format, theme } = checkedOptions(options);
  const target = resolveTarget(value, options.type as LookupType | undefined, settings.IGNORE_DOMAINS);
  const services = await createServices(settings);
  try {
    await services.feeds.load();
    const onFeed = services.feeds.has.bind(services.feeds);
    const { report } = await services.lookups.lookup(target.type, target.value, 'interactive');
    if (!report.found) throw new UserError(`${displayTarget(target)} is not known to ${report.source}: nothing to draw`);
    const graph =
      depth === 2
        ? await expandGraph(report, graphLookupsFrom(services.lookups), { onFeed, maxLookups: settings.GRAPH_MAX_LOOKUPS })
        : buildGraph(report, { onFeed });
    const picture = await drawGraph(graph, { theme });
    if (options.out !== undefined) {
      await writeFile(options.out, format === '.svg' ? picture.svg : picture.png);
      const size = format === '.svg' ? Buffer.byteLength(picture.svg) : picture.png.length;
      io.stdout.write(
        `wrote ${options.out}: ${picture.width}×${picture.height}, ${Math.ceil(size / 1024)} KB, ${picture.nodeCount} nodes\n`,
      );
    } else {
      io.stderr.write('nothing written: add --out graph.png (or .svg) to save the picture\n');
    }
    io.stdout.write(`${picture.altText}\n`);
    return 0;
  } finally {
    await services.close();
  }
}

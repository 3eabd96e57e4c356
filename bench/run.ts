/** `npm run bench`: every benchmark, printed as Markdown tables for docs/benchmarks.md. */
import { benchAccuracy } from './accuracy.js';
import { benchBulk, benchBulkRetention } from './bulk.js';
import { benchDetection } from './detection.js';
import { benchFeeds } from './feeds.js';
import { benchFiles } from './files.js';
import { benchGraph } from './graph.js';
import { benchLookups } from './lookups.js';
import { benchMemory } from './memory.js';
import { benchRendering } from './rendering.js';
import { benchSoak, FULL_DAY } from './soak.js';
import { benchWatchlist } from './watchlist.js';

const which = process.argv[2] ?? 'all';
console.log(`# npm run bench ${which === 'all' ? '' : which} — ${new Date().toISOString()} — node ${process.version}\n`);
if (which === 'all' || which === 'detection') {
  console.log('## Detection\n');
  console.log((await benchDetection()).join('\n'));
  console.log('\n### Accuracy on labelled lines\n');
  console.log(benchAccuracy().join('\n'));
}
if (which === 'all' || which === 'rendering') {
  console.log('\n## Safe rendering of hostile answers\n');
  console.log(benchRendering().join('\n'));
}
if (which === 'all' || which === 'lookups') {
  console.log('\n## Lookups through limiter and cache\n');
  console.log((await benchLookups()).join('\n'));
}
if (which === 'all' || which === 'feeds') {
  console.log('\n## Crowd feeds\n');
  console.log((await benchFeeds()).join('\n'));
}
if (which === 'all' || which === 'files') {
  console.log('\n## Hashing files\n');
  console.log((await benchFiles()).join('\n'));
}
if (which === 'all' || which === 'bulk') {
  console.log('\n## A 500-indicator bulk\n');
  console.log((await benchBulk()).join('\n'));
  console.log('\n### What a runner keeps after many bulks\n');
  console.log((await benchBulkRetention()).join('\n'));
}
if (which === 'all' || which === 'memory') {
  console.log('\n## Memory\n');
  console.log((await benchMemory()).join('\n'));
}
if (which === 'all' || which === 'graph') {
  console.log('\n## Graph drawing\n');
  console.log((await benchGraph()).join('\n'));
}
if (which === 'all' || which === 'watchlist') {
  console.log('\n## The watchlist at its default budget\n');
  console.log((await benchWatchlist()).join('\n'));
}
if (which === 'all' || which === 'soak') {
  // SOAK_SCALE shrinks every count of the simulated day alike (1 = the full day).
  const scale = Number(process.env.SOAK_SCALE ?? 1);
  const counts = {
    messages: Math.round(FULL_DAY.messages * scale),
    withIndicators: Math.round(FULL_DAY.withIndicators * scale),
    reactions: Math.round(FULL_DAY.reactions * scale),
    commands: Math.round(FULL_DAY.commands * scale),
  };
  console.log(`\n## Soak: a simulated day${scale === 1 ? '' : ` at scale ${scale}`}\n`);
  console.log((await benchSoak(counts)).join('\n'));
}

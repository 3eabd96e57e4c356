/** The small type icon drawn at the left of each node's box (and in the legend). */
import type { Shape } from './theme.js';

const f = (n: number) => Number(n.toFixed(1));

function polygon(cx: number, cy: number, r: number, sides: number, rotate: number): string {
  const points = Array.from({ length: sides }, (_, i) => {
    const a = rotate + (2 * Math.PI * i) / sides;
    return `${f(cx + r * Math.cos(a))},${f(cy + r * Math.sin(a))}`;
  });
  return `points="${points.join(' ')}"`;
}

/** SVG for `shape` centred on (cx, cy), radius `r`, filled with `colour`. */
export function shapeSvg(shape: Shape, cx: number, cy: number, r: number, colour: string): string {
  const fill = `fill="${colour}"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${f(cx)}" cy="${f(cy)}" r="${f(r)}" ${fill}/>`;
    case 'square':
      return `<rect x="${f(cx - r * 0.85)}" y="${f(cy - r * 0.85)}" width="${f(r * 1.7)}" height="${f(r * 1.7)}" ${fill}/>`;
    case 'diamond':
      return `<polygon ${polygon(cx, cy, r * 1.1, 4, -Math.PI / 2)} ${fill}/>`;
    case 'triangle':
      return `<polygon ${polygon(cx, cy + r * 0.15, r * 1.1, 3, -Math.PI / 2)} ${fill}/>`;
    case 'hexagon':
      return `<polygon ${polygon(cx, cy, r, 6, 0)} ${fill}/>`;
    case 'octagon':
      return `<polygon ${polygon(cx, cy, r, 8, Math.PI / 8)} ${fill}/>`;
    case 'page':
      return `<path d="M${f(cx - r * 0.7)} ${f(cy - r)}h${f(r)}l${f(r * 0.5)} ${f(r * 0.5)}v${f(r * 1.5)}h${f(-r * 1.5)}z" ${fill}/>`;
    case 'dots':
      return [-0.7, 0, 0.7].map((d) => `<circle cx="${f(cx + d * r)}" cy="${f(cy)}" r="${f(r * 0.22)}" ${fill}/>`).join('');
  }
}

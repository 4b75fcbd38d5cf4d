/*
 * SVG path of a routed edge: a B-spline through the layout's points (the curve d3's `curveBasis`
 * draws, as dagre-d3 and Kiali's layouts do), so edges bend smoothly around the nodes and labels
 * the layout routed them past. Pure, for the edge component and tests.
 */
import type { Point } from './layout';

const round = (value: number) => Math.round(value * 10) / 10;
const xy = ({ x, y }: Point) => `${round(x)},${round(y)}`;

export function basisPath(points: Point[]): string {
  if (points.length === 0) return '';
  if (points.length === 1) return `M${xy(points[0])}`;
  if (points.length === 2) return `M${xy(points[0])}L${xy(points[1])}`;
  const [first, second] = points;
  const parts = [
    `M${xy(first)}`,
    `L${xy({
      x: (5 * first.x + second.x) / 6,
      y: (5 * first.y + second.y) / 6,
    })}`,
  ];
  const curveTo = (p0: Point, p1: Point, p: Point) =>
    parts.push(
      `C${xy({ x: (2 * p0.x + p1.x) / 3, y: (2 * p0.y + p1.y) / 3 })} ${xy({
        x: (p0.x + 2 * p1.x) / 3,
        y: (p0.y + 2 * p1.y) / 3,
      })} ${xy({
        x: (p0.x + 4 * p1.x + p.x) / 6,
        y: (p0.y + 4 * p1.y + p.y) / 6,
      })}`,
    );
  for (let i = 2; i < points.length; i++) {
    curveTo(points[i - 2], points[i - 1], points[i]);
  }
  const last = points[points.length - 1];
  curveTo(points[points.length - 2], last, last);
  parts.push(`L${xy(last)}`);
  return parts.join('');
}

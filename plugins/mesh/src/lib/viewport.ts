/*
 * Where the graph canvas looks at first, and how tall it is: a fit that keeps text readable.
 * React Flow's own fitView shrinks any graph into the canvas (a 60-node graph at zoom 0.3 is
 * unreadable) and blows a 2-node graph up to giant boxes. Here the zoom stays between a readable
 * minimum and a modest maximum; when the whole graph does not fit at the readable zoom, the view
 * is centred on the focus (the page's entity or the selected element) and the rest is a pan away.
 * Pure, so it is unit-tested.
 */
import { boundingBox, Box, EdgeRoute, Size } from './layout';

export { boundingBox };

/** Below this zoom 11 px labels shrink under 8 px: the view pans instead of shrinking further. */
export const READABLE_ZOOM = 0.75;
/** Small graphs are not blown up beyond this. */
export const MAX_FIT_ZOOM = 1.1;
/** Empty room kept around the graph, in screen pixels. */
export const FIT_PADDING = 16;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The zoom at which `content` just fills `canvas`, however small or large. */
export function wholeZoom(content: Size, canvas: Size): number {
  return Math.min(
    (canvas.width - 2 * FIT_PADDING) / Math.max(content.width, 1),
    (canvas.height - 2 * FIT_PADDING) / Math.max(content.height, 1),
  );
}

/** The zoom at which `content` fills `canvas`, kept between readable and maximum. */
export function fitZoom(content: Size, canvas: Size): number {
  return Math.min(
    MAX_FIT_ZOOM,
    Math.max(READABLE_ZOOM, wholeZoom(content, canvas)),
  );
}

/** Offset along one axis: centred on `centre`, but never leaving empty room at an edge. */
function axisOffset(
  start: number,
  length: number,
  centre: number,
  canvas: number,
  zoom: number,
): number {
  const scaled = length * zoom;
  if (scaled + 2 * FIT_PADDING <= canvas) {
    return (canvas - scaled) / 2 - start * zoom;
  }
  const wanted = canvas / 2 - centre * zoom;
  const most = FIT_PADDING - start * zoom;
  const least = canvas - FIT_PADDING - (start + length) * zoom;
  return Math.min(most, Math.max(least, wanted));
}

/**
 * What is drawn: the node boxes and every edge's route and label. An edge arching above or below
 * the nodes carries its label there, and a fit of the nodes alone would cut that label off.
 */
export function drawnBox(nodes: Box[], routes: EdgeRoute[]): Box | undefined {
  return boundingBox([
    ...nodes,
    ...routes.flatMap(route => [
      ...(route.label ? [route.label] : []),
      ...route.points.map(p => ({ ...p, width: 0, height: 0 })),
    ]),
  ]);
}

/**
 * The viewport showing `content` at a readable zoom: all of it when it fits, else the part
 * around `focus` (defaults to the content's centre).
 */
export function fitViewport(
  content: Box,
  canvas: Size,
  focus: Box = content,
): Viewport {
  const zoom = fitZoom(content, canvas);
  return {
    zoom,
    x: axisOffset(
      content.x,
      content.width,
      focus.x + focus.width / 2,
      canvas.width,
      zoom,
    ),
    y: axisOffset(
      content.y,
      content.height,
      focus.y + focus.height / 2,
      canvas.height,
      zoom,
    ),
  };
}

/**
 * Canvas height for a graph: tall enough to show it whole at the zoom its width allows (so a
 * wide, flat graph does not leave half the canvas empty, and a tall one is not squeezed), within
 * `min`…`max`.
 */
export function canvasHeight(
  content: Size,
  canvasWidth: number,
  { min, max }: { min: number; max: number },
): number {
  const byWidth = (canvasWidth - 2 * FIT_PADDING) / Math.max(content.width, 1);
  const zoom = Math.min(MAX_FIT_ZOOM, Math.max(READABLE_ZOOM, byWidth));
  const wanted = Math.ceil(content.height * zoom + 2 * FIT_PADDING);
  return Math.min(max, Math.max(min, wanted));
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactFlowInstance } from '@xyflow/react';
import type { Box } from '../lib/layout';
import { canvasHeight, fitViewport, Viewport } from '../lib/viewport';

/** Border of the canvas in pixels: the flow inside is the canvas less this on every side. */
export const CANVAS_BORDER = 1;

export interface CanvasFit {
  rootRef: React.RefObject<HTMLDivElement>;
  /** Measured inner width of the canvas; undefined until mounted. */
  canvasWidth?: number;
  /** Height the canvas is drawn at (border included). */
  shownHeight: number;
  /**
   * Where a newly mounted flow starts (its `defaultViewport`): the readable fit, so that the
   * flow's first render of nodes already draws those in view at the fitted zoom. Without it the
   * flow rendered the nodes in view at zoom 1, and the fit right after replaced them all (on a
   * 500-node graph a ~190 ms task; see `npm run bench:ui`).
   */
  initialViewport?: Viewport;
  /** React Flow's `onInit`: keeps the instance for later fits. */
  onInit: (instance: ReactFlowInstance<any, any>) => void;
}

/**
 * The graph canvas's size and viewport: as wide as its container (the side panel takes 400 px
 * of it when open), as tall as the graph needs at a readable zoom within `min`…`max`, fitted to
 * `content` around `focus` when it mounts and again when its size or `selectionKey` changes.
 */
export function useCanvasFit(
  content: Box | undefined,
  focus: Box | undefined,
  selectionKey: string,
  { min, max }: { min: number; max: number },
): CanvasFit {
  const rootRef = useRef<HTMLDivElement>(null);
  const [canvasWidth, setCanvasWidth] = useState<number>();
  useEffect(() => {
    const element = rootRef.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    // The observer reports the size once when it starts, after the layout the browser does
    // anyway; reading clientWidth in this effect would force that layout inside the commit.
    const observer = new ResizeObserver(() =>
      setCanvasWidth(element.clientWidth),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const shownHeight =
    content && canvasWidth
      ? canvasHeight(content, canvasWidth, { min: Math.min(min, max), max })
      : max;

  const flow = useRef<ReactFlowInstance<any, any>>();
  const fit = useCallback(() => {
    const instance = flow.current;
    const element = rootRef.current;
    if (!instance || !element || !content) return;
    const wanted = fitViewport(
      content,
      { width: element.clientWidth, height: element.clientHeight },
      focus,
    );
    const now = instance.getViewport();
    // Setting the same viewport still re-renders every node in view.
    const moved =
      Math.abs(now.x - wanted.x) >= 0.5 ||
      Math.abs(now.y - wanted.y) >= 0.5 ||
      Math.abs(now.zoom - wanted.zoom) >= 0.001;
    if (moved) instance.setViewport(wanted);
  }, [content, focus]);

  const lastFit = useRef<string>();
  useEffect(() => {
    const key = `${canvasWidth}:${shownHeight}:${selectionKey}`;
    if (lastFit.current === key) return;
    lastFit.current = key;
    fit();
  }, [canvasWidth, shownHeight, selectionKey, fit]);

  const onInit = useCallback(
    (instance: ReactFlowInstance<any, any>) => {
      flow.current = instance;
      // A no-op when the initial viewport still holds, as it does unless the canvas changed
      // between the flow's mount and this call.
      fit();
    },
    [fit],
  );

  return {
    rootRef,
    canvasWidth,
    shownHeight,
    initialViewport:
      content && canvasWidth
        ? fitViewport(
            content,
            // The flow fills the canvas inside its border.
            { width: canvasWidth, height: shownHeight - 2 * CANVAS_BORDER },
            focus,
          )
        : undefined,
    onInit,
  };
}

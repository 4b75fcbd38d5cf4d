/*
 * The sizes of what the graph draws, known before layout so that the layout can reserve room for
 * every node's full text and every edge label (nothing is truncated, nothing overlaps). Node and
 * label components draw with the same metrics (`NODE_METRICS`, `LABEL_METRICS`).
 *
 * Text is measured with a canvas in the browser, in the font the page uses; where there is no
 * canvas (jsdom, workers without OffscreenCanvas) a generous per-character estimate stands in.
 * Sizes are rounded up to a step so that a refresh whose numbers change by a digit still fits the
 * room already reserved and does not move the picture (see useFlowLayout).
 */
import type { Size } from './layout';

/** Width in pixels of `text` at `fontSize` px, bold or not. */
export type TextMeasure = (
  text: string,
  fontSize: number,
  bold?: boolean,
) => number;

/** Node drawing metrics, in pixels (ServiceNode draws with these). */
export const NODE_METRICS = {
  /** Health-coloured left border, plus the other borders. */
  borderLeft: 5,
  border: 1,
  paddingX: 8,
  paddingY: 6,
  shapeSize: 16,
  gap: 6,
  nameFontSize: 13,
  titleRowHeight: 20,
  lineFontSize: 11,
  lineHeight: 15,
  versionPaddingX: 4,
  flagSize: 16,
  ownerIconSize: 14,
  minWidth: 96,
} as const;

/** Edge label metrics, in pixels (TrafficEdge draws with these). */
export const LABEL_METRICS = {
  fontSize: 11,
  height: 18,
  paddingX: 5,
  lockSize: 12,
  gap: 2,
} as const;

/** Reserved sizes grow in steps of this many pixels. */
export const SIZE_STEP = 8;

const roundUp = (value: number) => Math.ceil(value / SIZE_STEP) * SIZE_STEP;

/**
 * Average advance of a character as a share of the font size, for the estimate. Wide enough for
 * DejaVu Sans (the widest common fallback), so estimated boxes hold the real text.
 */
const ESTIMATE_EM = 0.64;
const ESTIMATE_BOLD_EM = 0.7;

export const estimateText: TextMeasure = (text, fontSize, bold) =>
  text.length * fontSize * (bold ? ESTIMATE_BOLD_EM : ESTIMATE_EM);

/**
 * A measure backed by a canvas in the page's font, cached per string; the estimate where no
 * canvas can be had. Measured widths get 4% slack for sub-pixel and hinting differences.
 */
export function createTextMeasure(fontFamily: string): TextMeasure {
  const canMeasure =
    typeof document !== 'undefined' &&
    typeof navigator !== 'undefined' &&
    !/jsdom/i.test(navigator.userAgent) &&
    Boolean(document.createElement('canvas').getContext('2d'));
  if (!canMeasure) return estimateText;
  // One context per font: assigning `font` parses the CSS font string every time, and node text
  // alternates between fonts (bold name, then plain lines), which made that parsing most of the
  // measuring time on a 500-node graph.
  const contexts = new Map<string, CanvasRenderingContext2D>();
  const contextFor = (font: string) => {
    let context = contexts.get(font);
    if (!context) {
      context = document.createElement('canvas').getContext('2d')!;
      context.font = font;
      contexts.set(font, context);
    }
    return context;
  };
  const cache = new Map<string, number>();
  return (text, fontSize, bold) => {
    const font = `${bold ? 'bold ' : ''}${fontSize}px ${fontFamily}`;
    const key = `${font}:${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      width = contextFor(font).measureText(text).width * 1.04;
      cache.set(key, width);
    }
    return width;
  };
}

/** The text a node shows, line by line; the node component renders exactly these. */
export interface NodeText {
  name: string;
  version?: string;
  /** Count of flag icons on the title row. */
  flags: number;
  /** Namespace (and cluster where it matters). */
  namespace?: string;
  /** e.g. `in 4.48 rps · out 4.4 rps`. */
  traffic?: string;
  /** Names on the catalog line (entity and owner); the owner gets an icon. */
  entity?: string;
  owner?: string;
}

export function nodeSize(text: NodeText, measure: TextMeasure): Size {
  const m = NODE_METRICS;
  const titleRow =
    m.shapeSize +
    m.gap +
    measure(text.name, m.nameFontSize, true) +
    (text.version
      ? m.gap + measure(text.version, m.lineFontSize) + 2 * m.versionPaddingX
      : 0) +
    (text.flags ? m.gap + text.flags * m.flagSize : 0);
  const lines = [
    text.namespace && measure(text.namespace, m.lineFontSize),
    text.traffic && measure(text.traffic, m.lineFontSize),
    (text.entity || text.owner) &&
      (text.entity ? measure(text.entity, m.lineFontSize) : 0) +
        (text.entity && text.owner ? m.gap : 0) +
        (text.owner
          ? m.ownerIconSize + measure(text.owner, m.lineFontSize)
          : 0),
  ].filter((width): width is number => typeof width === 'number');
  const content = Math.max(titleRow, ...lines);
  return {
    width: roundUp(
      Math.max(m.minWidth, content + m.borderLeft + m.border + 2 * m.paddingX),
    ),
    height:
      2 * (m.paddingY + m.border) +
      m.titleRowHeight +
      lines.length * m.lineHeight,
  };
}

/** Room for an edge label: its text, an mTLS lock when shown, padding. */
export function edgeLabelSize(
  label: string | undefined,
  hasLock: boolean,
  measure: TextMeasure,
): Size | undefined {
  if (!label && !hasLock) return undefined;
  const m = LABEL_METRICS;
  const content =
    (label ? measure(label, m.fontSize) : 0) +
    (hasLock ? m.lockSize + (label ? m.gap : 0) : 0);
  return { width: roundUp(content + 2 * m.paddingX + 2), height: m.height };
}

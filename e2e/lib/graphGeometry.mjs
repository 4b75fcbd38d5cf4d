// @ts-check
/*
 * Geometry of a drawn traffic graph, read from element boxes in the browser: overlaps between
 * edge labels, between edge labels and nodes, and whether each label's text is fully visible
 * (inside its label box, inside the canvas, and not covered by anything else at its corners and
 * centre). Runs in the page (`page.evaluate(measureGraph)`).
 */

/**
 * @typedef {{ left: number, top: number, right: number, bottom: number }} Rect
 * @typedef {{ a: string, b: string, width: number, height: number }} Overlap
 * @typedef {{
 *   labels: number, nodes: number, zoom: number,
 *   labelOverlaps: Overlap[], labelNodeOverlaps: Overlap[],
 *   hiddenLabels: Array<{ label: string, why: string }>,
 *   truncatedNodes: string[],
 * }} GraphGeometry
 */

/** @returns {GraphGeometry} */
export function measureGraph() {
  // Sub-pixel contact (anti-aliasing, rounding) is not an overlap.
  const TOLERANCE = 0.5;
  const canvas = document.querySelector('.react-flow');
  if (!canvas) throw new Error('no graph canvas on the page');
  const box = (/** @type {Element} */ e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  };
  const overlap = (/** @type {Rect} */ a, /** @type {Rect} */ b) => ({
    width: Math.min(a.right, b.right) - Math.max(a.left, b.left),
    height: Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top),
  });
  const overlapping = (/** @type {Rect} */ a, /** @type {Rect} */ b) => {
    const o = overlap(a, b);
    return o.width > TOLERANCE && o.height > TOLERANCE ? o : undefined;
  };
  const labels = [...canvas.querySelectorAll('[data-edge-label]')].map(g => ({
    name: (g.getAttribute('data-testid') ?? '').replace('mesh-edge-label-', ''),
    element: g,
    box: box(g),
    text: g.querySelector('[data-label-text]'),
  }));
  const nodes = [...canvas.querySelectorAll('.react-flow__node-meshNode')].map(
    n => ({
      name: n.getAttribute('aria-label') ?? n.getAttribute('data-id') ?? '',
      element: n,
      box: box(n),
    }),
  );
  /** @type {Overlap[]} */
  const labelOverlaps = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const o = overlapping(labels[i].box, labels[j].box);
      if (o) labelOverlaps.push({ a: labels[i].name, b: labels[j].name, ...o });
    }
  }
  /** @type {Overlap[]} */
  const labelNodeOverlaps = [];
  for (const label of labels) {
    for (const node of nodes) {
      const o = overlapping(label.box, node.box);
      if (o) labelNodeOverlaps.push({ a: label.name, b: node.name, ...o });
    }
  }
  const view = box(canvas);
  /** @type {Array<{ label: string, why: string }>} */
  const hiddenLabels = [];
  for (const label of labels) {
    const text = label.text ? box(label.text) : label.box;
    const inside = (/** @type {Rect} */ outer, /** @type {Rect} */ inner) =>
      inner.left >= outer.left - TOLERANCE &&
      inner.right <= outer.right + TOLERANCE &&
      inner.top >= outer.top - TOLERANCE &&
      inner.bottom <= outer.bottom + TOLERANCE;
    if (!inside(label.box, text)) {
      hiddenLabels.push({ label: label.name, why: 'text wider than its box' });
      continue;
    }
    if (!inside(view, label.box)) {
      hiddenLabels.push({ label: label.name, why: 'outside the canvas' });
      continue;
    }
    const inset = 1.5;
    const probes = [
      [(text.left + text.right) / 2, (text.top + text.bottom) / 2],
      [text.left + inset, text.top + inset],
      [text.right - inset, text.top + inset],
      [text.left + inset, text.bottom - inset],
      [text.right - inset, text.bottom - inset],
    ];
    const covered = probes.find(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return !hit || !label.element.contains(hit);
    });
    if (covered) {
      const hit = document.elementFromPoint(covered[0], covered[1]);
      hiddenLabels.push({
        label: label.name,
        why: `covered by ${hit?.tagName.toLowerCase()}.${String(
          hit?.getAttribute('class') ?? '',
        ).slice(0, 60)}`,
      });
    }
  }
  // A node's name is never cut: its text fits the node's box.
  const truncatedNodes = nodes
    .filter(node => {
      const name = node.element.querySelector('[data-node-name]');
      if (!name) return false;
      const range = document.createRange();
      range.selectNodeContents(name);
      const r = range.getBoundingClientRect();
      return r.right > node.box.right + TOLERANCE;
    })
    .map(node => node.name);
  const viewport = canvas.querySelector('.react-flow__viewport');
  const zoom = viewport
    ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a
    : NaN;
  return {
    labels: labels.length,
    nodes: nodes.length,
    zoom,
    labelOverlaps,
    labelNodeOverlaps,
    hiddenLabels,
    truncatedNodes,
  };
}

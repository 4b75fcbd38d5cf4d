// @ts-check
/*
 * Backstage pages scroll inside their content area rather than the document: for a screenshot of
 * the whole page, or to hit-test every part of a tall graph, the window is made as tall as the
 * content for the duration of `action`.
 */
export async function withFullHeightViewport(
  /** @type {import('playwright-core').Page} */ page,
  /** @type {() => Promise<any>} */ action,
) {
  const viewport = page.viewportSize() ?? { width: 1600, height: 1000 };
  const contentHeight = () =>
    page.evaluate(() =>
      Math.max(
        ...[
          document.documentElement,
          ...document.querySelectorAll('main, article'),
        ].map(e => e.scrollHeight),
      ),
    );
  // Sections above a graph can still be loading (the /mesh page's cards and tables), so the
  // content can grow after the first resize: resize again until the window holds it all.
  let height = viewport.height;
  for (let round = 0; round < 5; round++) {
    const wanted = Math.min(Math.max(await contentHeight(), height), 8000);
    if (round > 0 && wanted <= height) break;
    height = wanted;
    // The /mesh page with four demo apps (entity table, graph of four System boxes) is ~7,200 px.
    await page.setViewportSize({ width: viewport.width, height });
    await page.waitForTimeout(200);
  }
  try {
    return await action();
  } finally {
    await page.setViewportSize(viewport);
  }
}

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
  const height = await page.evaluate(() =>
    Math.max(
      ...[
        document.documentElement,
        ...document.querySelectorAll('main, article'),
      ].map(e => e.scrollHeight),
    ),
  );
  await page.setViewportSize({
    width: viewport.width,
    // The /mesh page with four demo apps (entity table, graph of four System boxes) is ~5,500 px.
    height: Math.min(Math.max(height, viewport.height), 8000),
  });
  try {
    return await action();
  } finally {
    await page.setViewportSize(viewport);
  }
}

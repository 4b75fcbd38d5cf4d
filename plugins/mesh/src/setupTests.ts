import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The views wait for several answers and a deferred graph layout, and the whole repository's
// suites run in parallel on small CI machines: give waits and tests room (speed is measured by
// `npm run bench:ui`, not by these timeouts). Jest's `testTimeout` in package.json is ignored by
// `backstage-cli repo test`, hence here.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

/*
 * jsdom test doubles for browser APIs that React Flow needs but jsdom lacks. They do no
 * measuring: jsdom has no layout, so nodes report size 0 and React Flow simply skips edge
 * routing, which the tests do not rely on.
 */

class ResizeObserverTestDouble {
  observe() {}
  unobserve() {}
  disconnect() {}
}

/** Reads the zoom (m22) from a `scale(…)`/`matrix(…)` transform, the only field React Flow uses. */
class DOMMatrixReadOnlyTestDouble {
  readonly m22: number = 1;
  constructor(transform?: string) {
    const scale = /scale\(([\d.]+)/.exec(transform ?? '');
    const matrix = /matrix\(([^)]+)\)/.exec(transform ?? '');
    if (scale) this.m22 = Number(scale[1]);
    else if (matrix) this.m22 = Number(matrix[1].split(',')[3]);
  }
}

if (!('ResizeObserver' in window)) {
  Object.defineProperty(window, 'ResizeObserver', {
    value: ResizeObserverTestDouble,
    writable: true,
  });
}
if (!('DOMMatrixReadOnly' in window)) {
  Object.defineProperty(window, 'DOMMatrixReadOnly', {
    value: DOMMatrixReadOnlyTestDouble,
    writable: true,
  });
}

/*
 * Web worker that runs the dagre layout off the main thread, so that laying out a big graph never
 * freezes scrolling or typing. Spawned by `layoutRunner.ts`; the protocol is one request, one
 * answer, matched by `jobId`.
 */
import { computeLayout, LayoutInput, LayoutResult } from './layout';

export type LayoutRequest = { jobId: number; input: LayoutInput };
export type LayoutAnswer =
  | { jobId: number; positions: LayoutResult }
  | { jobId: number; error: string };

// The worker global scope; typed loosely because the DOM lib types `self` as a Window.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(answer: LayoutAnswer): void;
};

scope.onmessage = event => {
  const { jobId, input } = event.data;
  try {
    scope.postMessage({ jobId, positions: computeLayout(input) });
  } catch (error) {
    scope.postMessage({ jobId, error: String(error) });
  }
};

// @ts-check
/*
 * What both the checks and the benchmark start from: the demo app (built and served on `port`,
 * or the one at E2E_BASE_URL) and a signed-in Chromium page. `close` stops what was started.
 */
import { launchBrowser, signedInPage } from './browser.mjs';
import { buildApp, startBackend } from './demoApp.mjs';

export async function openSession(
  /** @type {{ port: number, artifacts: string, log: (m: string) => void }} */ options,
) {
  /** @type {Array<() => Promise<void>>} */
  const cleanups = [];
  const close = async () => {
    while (cleanups.length)
      await cleanups
        .pop()?.()
        .catch(error => options.log(`cleanup failed: ${error}`));
  };
  try {
    let baseUrl = process.env.E2E_BASE_URL;
    if (!baseUrl) {
      await buildApp(options);
      const backend = await startBackend(options);
      cleanups.push(backend.stop);
      baseUrl = backend.baseUrl;
    }
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const page = await signedInPage(browser, baseUrl);
    return { baseUrl, browser, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

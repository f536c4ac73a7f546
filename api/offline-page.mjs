// Headless Chromium as the page checks use it: Debian's chromium (or $CHROMIUM), with the flags that work on
// machines without a GPU or sandbox, and pages that may load nothing off the service's own origin, as on a machine
// without network.
import { chromium } from 'playwright-core';

export function launchHeadless() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A new page of the browser that refuses every request off origin (data: and blob: URLs are the page's own),
// collecting the refused URLs and the page's script errors in the arrays given.
export async function offlinePage(browser, origin, refused, errors, options = {}) {
  const page = await browser.newPage(options);
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    refused.push(url);
    return route.abort();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

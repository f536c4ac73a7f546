// Loads a service's /docs page in headless Chromium with every request off the service's own origin refused, as
// on a machine without network, and checks that each operation of the service's /openapi document is rendered.
// Usage: node api/check-docs.mjs http://127.0.0.1:PORT   (exit 0: rendered; 1: not; prints what it saw)
import { launchHeadless, offlinePage } from './offline-page.mjs';

const base = process.argv[2];
if (!base) {
  console.error('usage: node check-docs.mjs BASE_URL');
  process.exit(2);
}
const origin = new URL(base).origin;
const document = await (await fetch(`${base}/openapi`, { headers: { Accept: 'application/json' } })).json();
const methods = ['get', 'put', 'post', 'delete', 'patch'];
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  methods.filter((method) => item[method])
    .map((method) => ({ path, method, summary: item[method].summary, tag: (item[method].tags || [''])[0] })));

const browser = await launchHeadless();
const refused = [];
const errors = [];
try {
  const page = await offlinePage(browser, origin, refused, errors);
  await page.goto(`${base}/docs`, { waitUntil: 'load' });
  // The reference shows one tag's operations at a time: open each tag as a reader would, then look for its
  // operations' summaries on the page.
  const missing = [];
  const tags = [...new Set(operations.map((operation) => operation.tag))];
  for (const tag of tags) {
    const expected = operations.filter((operation) => operation.tag === tag);
    await page.getByText(tag, { exact: true }).first().click({ timeout: 15000 });
    const shown = await page.waitForFunction((summaries) => summaries.every((summary) =>
        document.body.innerText.includes(summary)), expected.map((operation) => operation.summary),
        { timeout: 15000 }).then(() => true, () => false);
    if (!shown) {
      const text = await page.evaluate(() => document.body.innerText);
      missing.push(...expected.filter((operation) => !text.includes(operation.summary)));
    }
  }
  console.log(`docs: ${operations.length - missing.length} of ${operations.length} operations rendered; `
              + `${refused.length} requests off ${origin} refused; ${errors.length} script errors`);
  for (const operation of missing) {
    console.log(`docs: not rendered: ${operation.method.toUpperCase()} ${operation.path} "${operation.summary}"`);
  }
  for (const url of refused) {
    console.log(`docs: the page asked for ${url}`);
  }
  for (const error of errors) {
    console.log(`docs: script error: ${error}`);
  }
  process.exitCode = missing.length === 0 && refused.length === 0 && errors.length === 0 && operations.length > 0
    ? 0 : 1;
} finally {
  await browser.close();
}

// Opens a service's /observe/topology/view in headless Chromium with every request off the service's own origin
// refused, reads what the page shows twice, some seconds apart (the caller puts load on the services meanwhile),
// saves a screenshot, and prints what it saw as one JSON line for the test to judge.
// Usage: node api/check-topology.mjs BASE_URL SCREENSHOT.png [SECONDS_BETWEEN_LOOKS]
import { launchHeadless, offlinePage } from './offline-page.mjs';

const [base, screenshot, seconds] = process.argv.slice(2);
if (!base || !screenshot) {
  console.error('usage: node check-topology.mjs BASE_URL SCREENSHOT.png [SECONDS_BETWEEN_LOOKS]');
  process.exit(2);
}
const origin = new URL(base).origin;
const browser = await launchHeadless();
const refused = [];
const errors = [];

// What a reader sees: the processes and contexts drawn, the arrows' labels, and the rows of both tables.
function look(page) {
  return page.evaluate(() => {
    const texts = (selector) => [...document.querySelectorAll(selector)].map((node) => node.textContent.trim());
    const rows = (selector) => [...document.querySelectorAll(selector + ' tbody tr')].map((row) =>
      [...row.cells].map((cell) => cell.textContent.trim()));
    return {
      title: document.getElementById('assembly').textContent,
      status: document.getElementById('status').textContent,
      processes: texts('g.process text.title'),
      contexts: [...document.querySelectorAll('g.context')].map((node) => node.dataset.context || 'placeholder'),
      bindingEdges: [...document.querySelectorAll('g.edge.binding')].map((edge) =>
        [...edge.querySelectorAll('text')].map((line) => line.textContent).join(' | ')),
      eventEdges: [...document.querySelectorAll('g.edge.event')].map((edge) =>
        [...edge.querySelectorAll('text')].map((line) => line.textContent).join(' | ')),
      bindings: rows('#bindings'),
      events: rows('#events'),
    };
  });
}

try {
  const page = await offlinePage(browser, origin, refused, errors, { viewport: { width: 1760, height: 900 } });
  await page.goto(`${base}/observe/topology/view`, { waitUntil: 'load' });
  await page.waitForSelector('#bindings tbody tr', { timeout: 15000 });
  const first = await look(page);
  // The page refreshes itself every two seconds; the rates need two of its samples to show.
  await page.waitForTimeout(Number(seconds || 6) * 1000);
  const second = await look(page);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ first, second, refused, errors }));
} finally {
  await browser.close();
}

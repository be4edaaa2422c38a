// Lighthouse on a list of pages, in one browser: node bench/lighthouse.mjs CATEGORIES OUT URL...
//
// CATEGORIES is a comma-separated list of Lighthouse categories (accessibility,best-practices,seo
// or performance); OUT is a file that receives a JSON object mapping each URL to its Lighthouse
// result (the "lhr"). Lighthouse is the npm package pinned in package-lock.json; it drives the
// Chromium at CHROME_PATH with its default settings, the mobile preset (a phone's screen,
// simulated slow 4G and a 4x slower CPU), but for the full-page screenshot. It must not download a browser (chrome-launcher never
// does) nor reach the network: the browser resolves every host but 127.0.0.1 to nothing.
import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const [categories, out, ...urls] = process.argv.slice(2);
if (!categories || !out || !urls.length) {
  console.error('usage: node bench/lighthouse.mjs CATEGORIES OUT URL...');
  process.exit(2);
}
if (!process.env.CHROME_PATH) {
  console.error('CHROME_PATH is not set: it names the browser Lighthouse drives (e.g. /usr/bin/chromium)');
  process.exit(2);
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-quic',
    '--disable-sync',
    '--disable-component-update',
    '--disable-background-networking',
    // Nothing but the local server: every other host name resolves to nothing.
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
  ],
});
const results = {};
try {
  for (const url of urls) {
    const run = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: categories.split(','),
      // Only the HTML report draws it (beside the elements an audit names); no audit or score
      // reads it, and taking it costs about a second a page.
      disableFullPageScreenshot: true,
    });
    results[url] = run.lhr;
  }
} finally {
  await chrome.kill();
}
fs.writeFileSync(out, JSON.stringify(results));

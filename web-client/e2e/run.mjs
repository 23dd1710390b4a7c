#!/usr/bin/env node
// End-to-end test of the web client in headless Chromium against a running platform.
//
//   WEB_URL=http://127.0.0.1:4173 CORE_URL=http://127.0.0.1:8000 npm run e2e
//   CORE_URL=http://127.0.0.1:8000 npm run e2e     # without WEB_URL: serves dist/ itself (vite preview, proxy to CORE_URL)
//
// Drives the Debian `chromium` package through playwright-core (no browser download). Plain node is
// the runner, so nothing triggers Playwright's own browser installation. Prints one line per check and
// a final "N passed, N failed"; exits non-zero when anything failed. Screenshots (phone 390 px and
// desktop 1280 px) go to web-client/screenshots/ (git-ignored).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const env = process.env;
const CORE_URL = (env.CORE_URL ?? 'http://127.0.0.1:8000').replace(/\/+$/, '');
const preview = env.WEB_URL ? null : await servePreview();
const WEB_URL = (env.WEB_URL ?? preview.url).replace(/\/+$/, '');
const CHROMIUM = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMEOUT = Number(env.E2E_TIMEOUT_MS ?? 15000);
const LIVE_TIMEOUT = Number(env.E2E_LIVE_TIMEOUT_MS ?? 10000);
const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const SECTIONS = ['car_insurance', 'health_insurance', 'house_insurance', 'banking'];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Without WEB_URL: serve the production build with Vite's preview server, proxying the core's routes to CORE_URL. */
async function servePreview() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (!existsSync(`${root}dist/index.html`)) {
    console.log('no WEB_URL and no dist/: run `npm run build` first, or set WEB_URL to a served web client');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  process.env.CORE_URL = CORE_URL; // read by vite.config.ts for the proxy
  const { preview } = await import('vite');
  const server = await preview({ root, logLevel: 'warn', preview: { port: 0, strictPort: false, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local?.[0];
  if (!url) throw new Error('vite preview did not report its URL');
  return { url, close: () => server.close() };
}

// ---------------------------------------------------------------- tiny runner
const results = [];
let blocked = null;

async function check(name, fn) {
  if (blocked) {
    results.push({ name, ok: false, skipped: true });
    console.log(`SKIP ${name} (needs: ${blocked})`);
    return;
  }
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`PASS ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    blocked = name;
    console.log(`FAIL ${name} (${Date.now() - started} ms)\n     ${String(error?.stack ?? error).split('\n').slice(0, 4).join('\n     ')}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------- core API (setup and clean-up only)
async function core(path, { token, method = 'GET' } = {}) {
  const response = await fetch(`${CORE_URL}${path}`, { method, headers: token ? { Authorization: `Bearer ${token}` } : {} }).catch((error) => {
    throw new Error(`${method} ${CORE_URL}${path} failed (${error.cause?.code ?? error.message}): is the core running?`);
  });
  const text = await response.text();
  let body;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

async function devToken(userId) {
  const { status, body } = await core(`/dev/token?user_id=${userId}`);
  assert(status === 200 && body?.access_token, `GET /dev/token?user_id=${userId} → ${status}: is the core running with the local profile?`);
  return body.access_token;
}

/** Cancels user's car contract, if any, so the scenario starts from a known state. */
async function cancelCarContract(userId) {
  const token = await devToken(userId);
  const { status, body } = await core(`/user/${userId}/contracts`, { token });
  assert(status === 200, `GET /user/${userId}/contracts → ${status}`);
  const car = body?.contracts?.car_insurance;
  if (car?.widget_id) {
    const cancelled = await core(`/widget/car-insurance/contract/${userId}/${encodeURIComponent(car.widget_id)}`, { token, method: 'DELETE' });
    assert(cancelled.status < 300 || cancelled.status === 404, `cancelling the leftover car contract → ${cancelled.status}`);
    return car.widget_id;
  }
  return null;
}

// ---------------------------------------------------------------- page helpers
const pageErrors = [];

async function openApp(context, label) {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (error) => pageErrors.push(`${label}: ${error.message}`));
  await page.goto(WEB_URL, { waitUntil: 'domcontentloaded' });
  await waitForHome(page);
  return page;
}

async function waitForHome(page) {
  await page.waitForFunction((n) => document.querySelectorAll('main section.service-section').length === n, SECTIONS.length, { timeout: TIMEOUT });
}

async function signIn(page, userId) {
  await page.getByRole('radio', { name: `Demo user ${userId}` }).check();
  await page.waitForSelector(`.app[data-identity="${userId}"]`);
  await page.getByText(`Signed in as user ${userId}`).waitFor();
  await waitForHome(page);
  await waitLive(page);
}

async function waitLive(page) {
  await page.waitForSelector('.app[data-live-status="live"]', { timeout: LIVE_TIMEOUT });
}

async function liveEvents(page) {
  return Number(await page.getAttribute('.app', 'data-live-events'));
}

async function carWidgetIds(page) {
  return page.$$eval('section[data-service="car_insurance"] [data-widget-id]', (nodes) => nodes.map((n) => n.getAttribute('data-widget-id')));
}

/** Marks the document; if the page reloads, the mark is gone. */
async function mark(page) {
  await page.evaluate(() => {
    window.__e2eNoReload = 'still here';
  });
}

async function assertNotReloaded(page, label) {
  assert((await page.evaluate(() => window.__e2eNoReload)) === 'still here', `${label} was reloaded`);
}

async function screenshot(page, name, viewport) {
  await page.setViewportSize(viewport);
  await page.waitForTimeout(200);
  const path = `${SCREENSHOTS}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

// ---------------------------------------------------------------- the scenario
console.log(`web client ${WEB_URL}${preview ? ' (vite preview of dist/, proxying to the core)' : ''}, core ${CORE_URL}, browser ${CHROMIUM}`);
await mkdir(SCREENSHOTS, { recursive: true });

let browser;
const state = {};
try {
  await check('platform is up: web client and core answer, demo tokens available', async () => {
    const web = await fetch(WEB_URL).catch((error) => {
      throw new Error(`GET ${WEB_URL} failed (${error.cause?.code ?? error.message}): is the web client served there?`);
    });
    assert(web.ok, `GET ${WEB_URL} → ${web.status}`);
    const home = await core('/home');
    assert(home.status === 200 || home.status === 503, `GET ${CORE_URL}/home → ${home.status}`);
    const leftover = await cancelCarContract(123);
    if (leftover) console.log(`     (cancelled user 123's leftover car contract ${leftover})`);
  });

  await check('browser starts (headless Chromium)', async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
  });

  await check('anonymous home shows the four sections in order, each with a title', async () => {
    state.ctx123 = await browser.newContext({ viewport: DESKTOP });
    state.a = await openApp(state.ctx123, 'user 123 tab A');
    const sections = await state.a.$$eval('main section.service-section', (nodes) =>
      nodes.map((n) => ({ key: n.getAttribute('data-service'), title: n.querySelector('h2')?.textContent?.trim() ?? '' })),
    );
    assert(JSON.stringify(sections.map((s) => s.key)) === JSON.stringify(SECTIONS), `sections: ${JSON.stringify(sections)}`);
    assert(sections.every((s) => s.title.length > 0), `a section has no title: ${JSON.stringify(sections)}`);
    assert((await state.a.locator('[data-widget-id]').count()) > 0, 'the home has no widgets at all');
    await screenshot(state.a, 'desktop-anonymous', DESKTOP);
    await screenshot(state.a, 'phone-anonymous', PHONE);
    await state.a.setViewportSize(DESKTOP);
  });

  await check('switching to demo user 123 loads the personal home and the live stream', async () => {
    await signIn(state.a, 123);
    assert((await state.a.locator('aside.contracts li[data-service="car_insurance"]').count()) === 0, 'user 123 already has a car contract');
    // A second tab of the same user: it must follow the purchase through SSE alone.
    state.b = await openApp(state.ctx123, 'user 123 tab B');
    await state.b.waitForSelector('.app[data-identity="123"]');
    await waitLive(state.b);
    await mark(state.a);
    await mark(state.b);
  });

  await check('a second browser context signs in as demo user 456', async () => {
    state.ctx456 = await browser.newContext({ viewport: DESKTOP });
    state.c = await openApp(state.ctx456, 'user 456');
    await signIn(state.c, 456);
    await mark(state.c);
    state.carOf456 = await carWidgetIds(state.c);
    state.contractsOf456 = await state.c.$$eval('aside.contracts li[data-widget-id]', (n) => n.map((e) => e.getAttribute('data-widget-id')));
    state.eventsOf456 = await liveEvents(state.c);
  });

  await check('user 123 buys a car offer: progress, then success', async () => {
    const button = state.a.locator('section[data-service="car_insurance"] button[data-action="purchase"]').first();
    await button.waitFor();
    state.bought = await button.evaluate((b) => b.closest('[data-widget-id]')?.getAttribute('data-widget-id'));
    assert(state.bought, 'the purchase button is not inside a widget');
    state.eventsBeforeBuy = await liveEvents(state.b);
    await button.click();
    const message = state.a.locator(`section[data-service="car_insurance"] [data-widget-id="${state.bought}"] .action__message--success`);
    // The widget may disappear as soon as the page refreshes; success shows up or the offer is gone.
    await Promise.race([
      message.waitFor({ timeout: TIMEOUT }),
      state.a.waitForSelector(`section[data-service="car_insurance"] [data-widget-id="${state.bought}"]`, { state: 'detached', timeout: TIMEOUT }),
    ]);
    const error = await state.a.locator('.action__message--error, .action__message--sign-in').allTextContents();
    assert(error.length === 0, `purchase failed: ${error.join(' ')}`);
    console.log(`     (bought ${state.bought})`);
  });

  await check('the other tab of user 123 updates its car section without reloading (SSE)', async () => {
    await state.b.waitForSelector(`section[data-service="car_insurance"] [data-widget-id="${state.bought}"]`, { state: 'detached', timeout: LIVE_TIMEOUT });
    assert((await liveEvents(state.b)) > state.eventsBeforeBuy, 'no cache_invalidated event arrived over SSE');
    await assertNotReloaded(state.b, 'tab B');
    await assertNotReloaded(state.a, 'tab A');
    assert(!(await carWidgetIds(state.a)).includes(state.bought), 'tab A still offers the bought widget');
  });

  await check('"My contracts" shows the car contract in both tabs', async () => {
    for (const page of [state.b, state.a]) {
      await page.waitForSelector(`aside.contracts li[data-service="car_insurance"][data-widget-id="${state.bought}"]`, { timeout: LIVE_TIMEOUT });
    }
    await screenshot(state.a, 'desktop-user-123-bought', DESKTOP);
    await screenshot(state.b, 'phone-user-123-bought', PHONE);
  });

  await check('user 456 sees none of it: no event, same car offers, no contract', async () => {
    assert((await liveEvents(state.c)) === state.eventsOf456, "user 123's purchase reached user 456's stream");
    await state.c.reload({ waitUntil: 'domcontentloaded' });
    await waitForHome(state.c);
    await state.c.waitForSelector('.app[data-identity="456"]');
    await state.c.waitForSelector('aside.contracts :is(ul.contracts__list, .contracts__empty)');
    const car = await carWidgetIds(state.c);
    assert(JSON.stringify(car) === JSON.stringify(state.carOf456), `user 456's car section changed: ${JSON.stringify(state.carOf456)} → ${JSON.stringify(car)}`);
    const contracts = await state.c.$$eval('aside.contracts li[data-widget-id]', (n) => n.map((e) => e.getAttribute('data-widget-id')));
    assert(JSON.stringify(contracts) === JSON.stringify(state.contractsOf456), `user 456's contracts changed: ${JSON.stringify(contracts)}`);
    await screenshot(state.c, 'desktop-user-456', DESKTOP);
  });

  await check('cancelling in "My contracts" brings the offer back in both tabs, live', async () => {
    const eventsBefore = await liveEvents(state.b);
    await state.a.locator(`aside.contracts li[data-widget-id="${state.bought}"] button`).click();
    for (const page of [state.b, state.a]) {
      await page.waitForSelector(`aside.contracts li[data-widget-id="${state.bought}"]`, { state: 'detached', timeout: LIVE_TIMEOUT });
      await page.waitForSelector(`section[data-service="car_insurance"] [data-widget-id="${state.bought}"]`, { timeout: LIVE_TIMEOUT });
    }
    assert((await liveEvents(state.b)) > eventsBefore, 'tab B got no cache_invalidated event for the cancellation');
    await assertNotReloaded(state.b, 'tab B');
    state.bought = null;
  });

  await check('no uncaught errors in any page', async () => {
    assert(pageErrors.length === 0, pageErrors.join('\n'));
  });
} finally {
  if (state.bought) {
    try {
      await cancelCarContract(123);
    } catch (error) {
      console.log(`(clean-up failed: ${error.message})`);
    }
  }
  await browser?.close().catch(() => {});
  await preview?.close().catch(() => {});
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
if (results.some((r) => r.skipped)) console.log(`(skipped checks count as failed)`);
console.log(`screenshots: ${SCREENSHOTS}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

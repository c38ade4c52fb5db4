/**
 * The ops dashboard (GET /dashboard) in a real browser (Debian's Chromium driven by playwright-core) against
 * the built query API on the real stack: the page and its files are served by the built app; it asks for a
 * reader key, keeps it out of URLs and logs, shows the numbers the API gives (indicators against their targets,
 * the report per unit, the overdue list) and follows new events live. Screenshots go to test/artifacts/screenshots.
 *
 * The dashboard shows today and this month, so the data here is generated up to the clock reading (a province's
 * last 30 days from the simulator's generator) and the live events carry `new Date()`, unlike other suites.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { DossierStream, buildProvince } from '../../apps/simulator/src/generate';
import { received } from '../support/events';
import { ARTIFACTS } from '../support/processes';
import { TestStack } from '../support/stack';

// The functions given to page.waitForFunction/evaluate run in the browser; this file is compiled without the DOM library.
declare const document: any, location: any, sessionStorage: any;

const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** "77,5 %" (vi-VN) → 77.5 */
const shownPercent = (text: string) => Number(text.replace(/[^\d,]/g, '').replace(',', '.'));
const shownCount = (text: string) => Number(text.replace(/\D/g, ''));

describe('dashboard in a browser', () => {
  const stack = new TestStack('dashboard');
  let browser: Browser;
  let reader: string;

  beforeAll(async () => {
    await stack.start();
    const province = buildProvince(1, { code: 'QT' });
    const history = new DossierStream({ seed: 11, province, mode: 'history', days: 30, dossiersPerDay: 40, endMs: Date.now() - 60_000 });
    const events = [...province.events];
    while (!history.historyDone) events.push(...history.next(5000, Date.now()));
    for (let i = 0; i < events.length; i += 500) expect((await stack.post(events.slice(i, i + 500))).status).toBe(202);
    await stack.caughtUp();
    reader = await stack.createKey({ role: 'reader' });
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await stack.stop();
  });

  it('is served by the built app: the page, its script and style sheet, with a strict content security policy', async () => {
    const page = await stack.request('query-api', 'GET', '/dashboard', { key: null });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.body).toContain('<script src="dashboard/dashboard.js"');
    const script = await stack.request('query-api', 'GET', '/dashboard/dashboard.js', { key: null });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const style = await stack.request('query-api', 'GET', '/dashboard/dashboard.css', { key: null });
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
    const cached = await stack.request('query-api', 'GET', '/dashboard/dashboard.css', { key: null, headers: { 'if-none-match': style.headers.get('etag')! } });
    expect(cached.status).toBe(304);
    expect((await stack.request('query-api', 'GET', '/dashboard/main.js', { key: null })).status).toBe(404);
  });

  it('asks for a reader key, shows the API’s numbers, and follows new events live', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    page.setDefaultTimeout(20_000);
    const requests: { url: string; authorization?: string }[] = [];
    page.on('request', (r) => requests.push({ url: r.url(), authorization: r.headers().authorization }));
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await page.goto(stack.url('query-api', '/dashboard'));
    await page.locator('#key-input').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-1-key.png') });

    await page.fill('#key-input', 'kwrong.key');
    await page.click('#key-form button[type=submit]');
    await page.waitForFunction(() => (document.getElementById('key-error')?.textContent ?? '').length > 0);

    await page.fill('#key-input', reader);
    await page.click('#key-form button[type=submit]');
    await page.locator('#live.live-on').waitFor();
    expect(await page.inputValue('#agency')).toBe('QT');
    await page.locator('#report tbody tr[data-agency="QT-STP"]').waitFor();
    await page.locator('#chart svg').waitFor();

    // The indicators, today's and this month's, as the API gives them.
    const asOf = await page.textContent('#as-of');
    const today = /hôm nay (\d{4}-\d{2}-\d{2})/.exec(asOf!)![1];
    const month = `${today.slice(0, 8)}01`;
    const apiMonth = await stack.indicators('QT', month, today, reader);
    const apiToday = await stack.indicators('QT', today, today, reader);
    for (const [name, period, api] of [
      ['onTimeRate', 'month', apiMonth], ['satisfactionRate', 'month', apiMonth], ['onlineReceivedRate', 'month', apiMonth], ['onlineReceivedRate', 'today', apiToday],
    ] as const) {
      const cell = page.locator(`#indicators tr[data-indicator="${name}"] td[data-period="${period}"]`);
      const r = api.indicators[name];
      expect(await cell.getAttribute('data-numerator')).toBe(String(r.numerator));
      expect(await cell.getAttribute('data-denominator')).toBe(String(r.denominator));
      const shown = await cell.locator('.value').textContent();
      if (r.value === null) expect(shown).toContain('Chưa có dữ liệu');
      else expect(shownPercent(shown!)).toBeCloseTo(r.value * 100, 1);
    }
    // Targets: met / not met / no data, in colour and in words.
    for (const name of ['satisfactionRate', 'proceduresOnlineRate']) {
      const target = apiMonth.indicators[name].targets['2025'];
      const cell = page.locator(`#indicators tr[data-indicator="${name}"] td[data-target="2025"]`);
      expect(await cell.getAttribute('data-met')).toBe(String(target.met));
      const verdict = await cell.locator('.verdict').textContent();
      expect(verdict).toBe(target.met === true ? 'Đạt · met' : target.met === false ? 'Chưa đạt · not met' : 'Chưa có dữ liệu · no data');
      expect(await cell.locator('.target').getAttribute('class')).toContain(target.met === true ? 'met' : target.met === false ? 'not-met' : 'no-data');
    }
    expect(await page.locator('#indicators tr[data-indicator="onTimeRate"] td[data-target="2030"]').textContent()).toContain('no target');

    // The report, one row per unit, as the API gives it.
    const report = await stack.request('query-api', 'GET', `/v1/reports/resolution?agency=QT&from=${month}&to=${today}&children=true`, { key: reader });
    const apiRow = report.body.rows.find((r: { agency: string }) => r.agency === 'QT-STP');
    for (const [col, value] of [['received.online', apiRow.received.online], ['resolved.late', apiRow.resolved.late], ['carriedOver', apiRow.carriedOver]] as const) {
      const cell = page.locator(`#report tr[data-agency="QT-STP"] td[data-col="${col}"]`);
      expect(shownCount((await cell.textContent())!)).toBe(value);
    }
    expect(await page.locator('#report tbody tr').count()).toBe(report.body.rows.length);

    // The overdue list, or a note while the server has no such endpoint.
    const overdue = await stack.request('query-api', 'GET', '/v1/dossiers/overdue?agency=QT&page=1&pageSize=20', { key: reader });
    await page.waitForFunction(() => (document.getElementById('overdue-note')?.textContent ?? '').length > 0);
    if (overdue.status === 200) {
      expect(await page.locator('#overdue tbody tr').count()).toBe(overdue.body.items.length);
      if (overdue.body.items.length > 0) expect(await page.locator('#overdue tbody tr').first().getAttribute('data-dossier')).toBe(overdue.body.items[0].dossier);
    } else {
      expect(await page.textContent('#overdue-note')).toContain('not available');
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-2-loaded.png'), fullPage: true });

    // Live: new dossiers received now appear without reloading, in the indicators, the summary and the report.
    const receivedToday = Number(await page.locator('#indicators tr[data-indicator="onlineReceivedRate"] td[data-period="today"]').getAttribute('data-denominator'));
    const stpOnline = apiRow.received.online;
    const now = new Date().toISOString();
    expect((await stack.post([received('LIVE-D1', 'QT-STP', now, 'online'), received('LIVE-D2', 'QT-STP', now, 'online')])).status).toBe(202);
    await page.waitForFunction(
      (n) => document.querySelector('#indicators tr[data-indicator="onlineReceivedRate"] td[data-period="today"]')?.getAttribute('data-denominator') === String(n),
      receivedToday + 2,
      { timeout: 10_000 },
    );
    expect(shownCount((await page.textContent('#kpi-received'))!)).toBe(receivedToday + 2);
    await page.waitForFunction(
      (n) => document.querySelector('#report tr[data-agency="QT-STP"] td[data-col="received.online"]')?.getAttribute('data-value') === String(n),
      stpOnline + 2,
      { timeout: 10_000 },
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-3-live.png'), fullPage: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-4-live-top.png') });

    // Drill down: a unit's row opens that unit.
    await page.click('#report tr[data-agency="QT-STP"]');
    await page.waitForFunction(() => location.hash === '#agency=QT-STP' && document.querySelectorAll('#report tbody tr').length === 1);

    // The key stays in the tab, goes only in the Authorization header, never in a URL or a log line.
    await page.reload();
    await page.locator('#live.live-on').waitFor();
    expect(await page.inputValue('#agency')).toBe('QT-STP');
    expect(await page.evaluate(() => sessionStorage.getItem('dossier-dashboard.reader-key'))).toBe(reader);
    expect(requests.filter((r) => r.url.includes(reader) || r.url.includes(encodeURIComponent(reader)))).toEqual([]);
    const apiRequests = requests.filter((r) => new URL(r.url).pathname.startsWith('/v1/'));
    expect(apiRequests.length).toBeGreaterThan(5);
    expect(apiRequests.filter((r) => r.authorization !== `Bearer ${reader}` && r.authorization !== 'Bearer kwrong.key')).toEqual([]);
    expect(readFileSync(join(ARTIFACTS, 'logs', `${stack.id}-query-api.log`), 'utf8')).not.toContain(reader.split('.')[1]);

    // A server without the overdue list yet (404 for the route, not for the agency): the page says so and carries on.
    await page.route('**/v1/dossiers/overdue?**', (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: 'not_found', message: 'Cannot GET /v1/dossiers/overdue?agency=QT-STP' }) }),
    );
    await page.reload();
    await page.waitForFunction(() => (document.getElementById('overdue-note')?.textContent ?? '').includes('not available'));
    await page.locator('#report tbody tr').first().waitFor();
    expect(pageErrors).toEqual([]);

    await page.click('#forget-key');
    await page.locator('#key-input').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('dossier-dashboard.reader-key'))).toBeNull();
    await page.close();
  });
});

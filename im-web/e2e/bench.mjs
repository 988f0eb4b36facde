// Web benchmark (docs/benchmarks.md): first load of each app (bytes transferred, requests, time to
// interactive) and a conversation of 10,000 messages scrolled back in the employee client.
// Env as scenario.mjs; WebAppsIT runs it with -Dweb.bench=true (and a raised per-connection rate,
// so that the 10,000 sends are not throttled). Prints one "BENCH ..." line per figure.
import { api, BASE, eventually, launch, login, shot, WS } from './browser.mjs';

const TENANT = process.env.TENANT;
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD;
const COUNT = Number(process.env.BENCH_MESSAGES ?? 10_000);
const RUN = Math.random().toString(36).slice(2, 8);
const PASSWORD = 'Web-bench-pass-1';

const browser = await launch();
try {
  for (const app of ['admin', 'app']) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    let bytes = 0;
    let requests = 0;
    page.on('requestfinished', async (r) => {
      requests++;
      const s = await r.sizes().catch(() => null);
      if (s) bytes += s.responseBodySize + s.responseHeadersSize;
    });
    for (const round of ['first (empty cache)', 'reload (cache kept)']) {
      bytes = 0;
      requests = 0;
      const t0 = Date.now();
      if (round.startsWith('first')) await page.goto(`${BASE}/${app}/`);
      else await page.reload();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await page.getByLabel('Account').click();
      const interactive = Date.now() - t0;
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0];
        return { dcl: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd) };
      });
      await page.waitForTimeout(300);
      console.log(`BENCH load app=/${app}/ round="${round}" bytes=${bytes} requests=${requests} domContentLoaded_ms=${nav.dcl} load_ms=${nav.load} interactive_ms=${interactive}`);
    }
    await ctx.close();
  }

  // Two employees; B sends COUNT messages to A through the web client's own SDK (pipelined).
  const admin = (await api('POST', '/auth/login', null, { tenantCode: TENANT, account: 'admin', password: ADMIN_PASSWORD })).token;
  const a = { account: `bench-a-${RUN}` };
  const b = { account: `bench-b-${RUN}` };
  for (const u of [a, b]) u.id = (await api('POST', '/admin/users', admin, { account: u.account, password: PASSWORD, name: `压测 ${u.account}`, departmentIds: [] })).id;
  const bPage = await (await browser.newContext()).newPage();
  await login(bPage, 'app', TENANT, b.account, PASSWORD);
  await bPage.locator('[data-state="online"]').waitFor();
  const sent = await bPage.evaluate(async ({ to, count }) => {
    const client = window.imStore.client;
    const t0 = performance.now();
    let next = 0;
    let failed = 0;
    const lane = async () => {
      while (next < count) {
        const i = next++;
        try {
          await client.send({ convType: 'SINGLE', toId: to, text: `message ${i} 消息 ${'x'.repeat(i % 40)}` });
        } catch {
          failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: 32 }, lane));
    return { ms: performance.now() - t0, failed };
  }, { to: a.id, count: COUNT });
  console.log(`BENCH send count=${COUNT} failed=${sent.failed} seconds=${(sent.ms / 1000).toFixed(1)} per_second=${Math.round(COUNT / (sent.ms / 1000))} (32 in flight, one WebSocket)`);

  const aCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const aPage = await aCtx.newPage();
  const t0 = Date.now();
  await login(aPage, 'app', TENANT, a.account, PASSWORD);
  const key = `SINGLE:${b.id}`;
  await eventually('A to hold every message', () => aPage.evaluate(({ k, n }) => (window.imStore.messages.get(k)?.length ?? 0) >= n, { k: key, n: COUNT }), 300_000, 200);
  const synced = Date.now() - t0;
  const t1 = Date.now();
  await aPage.locator(`[data-conv="${key}"]`).click();
  await aPage.locator('.row', { hasText: `message ${COUNT - 1} ` }).waitFor();
  const opened = Date.now() - t1;
  const scroll = await aPage.evaluate(async () => {
    const scroller = document.querySelector('[data-testid="virtuoso-scroller"]');
    const gaps = [];
    let longTasks = 0;
    let longest = 0;
    const obs = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        longTasks++;
        longest = Math.max(longest, e.duration);
      }
    });
    try {
      obs.observe({ type: 'longtask', buffered: false });
    } catch {
      /* not supported */
    }
    let maxRows = 0;
    let last = performance.now();
    const t0 = last;
    let frames = 0;
    // Scroll back 1,500 px per frame (a fast flick, held) until the top.
    while (scroller.scrollTop > 0 && performance.now() - t0 < 120_000) {
      scroller.scrollTop = Math.max(0, scroller.scrollTop - 1500);
      await new Promise((r) => requestAnimationFrame(() => r()));
      const now = performance.now();
      gaps.push(now - last);
      last = now;
      frames++;
      maxRows = Math.max(maxRows, document.querySelectorAll('.row').length);
    }
    await new Promise((r) => setTimeout(r, 500));
    obs.disconnect();
    gaps.sort((x, y) => x - y);
    const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))];
    return { ms: performance.now() - t0, frames, p50: q(0.5), p99: q(0.99), max: gaps[gaps.length - 1], longTasks, longest, maxRows,
      top: document.querySelector('.row')?.textContent ?? '' };
  });
  await shot(aPage, 'bench-10000-top');
  if (!/message 0 /.test(scroll.top)) throw new Error(`did not reach the first message: ${scroll.top.slice(0, 80)}`);
  console.log(`BENCH conversation messages=${COUNT} sync_and_render_list_ms=${synced} open_conversation_ms=${opened}`);
  console.log(`BENCH scroll-back messages=${COUNT} seconds=${(scroll.ms / 1000).toFixed(1)} frames=${scroll.frames} frame_p50_ms=${scroll.p50.toFixed(1)} frame_p99_ms=${scroll.p99.toFixed(1)} frame_max_ms=${scroll.max.toFixed(1)} long_tasks=${scroll.longTasks} longest_task_ms=${Math.round(scroll.longest)} max_rows_in_dom=${scroll.maxRows}`);
  const heap = await aPage.evaluate(() => performance.memory ? Math.round(performance.memory.usedJSHeapSize / 1048576) : -1);
  console.log(`BENCH heap_mb=${heap} ws=${WS ?? 'login endpoints'}`);
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`BENCH FAILED: ${e.stack ?? e}`);
  await browser.close();
  process.exit(1);
}

// Shared by the browser scenario and the benchmark: Debian's Chromium driven by playwright-core
// (never a downloaded browser), flags that keep it off the network on this closed machine.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const BASE = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
export const OUT = process.env.OUT_DIR ?? 'target/web-e2e';
mkdirSync(OUT, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export async function shot(page, name) {
  const file = join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`screenshot ${file}`);
}

export function step(name) {
  const t0 = Date.now();
  console.log(`step ${name}`);
  return () => console.log(`step ${name} done in ${Date.now() - t0} ms`);
}

/** Polls fn until it returns a truthy value; the wait is bounded (the archive indexes within seconds). */
export async function eventually(what, fn, timeoutMs = 60_000, everyMs = 1_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const WS = process.env.WS_URL;

export async function login(page, app, tenant, account, password) {
  await page.goto(`${BASE}/${app}/${app === 'app' && WS ? `?ws=${encodeURIComponent(WS)}` : ''}`);
  await page.getByLabel(app === 'admin' ? 'Tenant code' : 'Company code').fill(tenant);
  await page.getByLabel('Account').fill(account);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The HTTP API from node, for setup steps that are not under test. */
export async function api(method, path, token, body) {
  const res = await fetch(`${BASE}/api/v1${path}`, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

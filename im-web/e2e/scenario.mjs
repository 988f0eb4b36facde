// The browser scenario of issue 18, against a running stack (WebAppsIT starts one):
// the admin creates a department and two employees in the console; both employees sign in to the
// web client in two browser contexts (one at 375 px phone size); they chat, read, see the receipt
// change, recall, search; the admin finds the message in the compliance search.
// Env: BASE_URL, TENANT, ADMIN_ACCOUNT, ADMIN_PASSWORD, OUT_DIR, CHROMIUM. Exit 0 and "SCENARIO OK" on success.
import { BASE, eventually, launch, login, shot, step } from './browser.mjs';

const TENANT = process.env.TENANT;
const ADMIN = process.env.ADMIN_ACCOUNT ?? 'admin';
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD;
const RUN = Math.random().toString(36).slice(2, 8);
const PASSWORD = 'Web-e2e-pass-1';
const DEPT = `研发部 Web ${RUN}`;
const A = { account: `wang-${RUN}`, name: `王小明 Wang ${RUN}` };
const B = { account: `li-${RUN}`, name: `李华 Li ${RUN}` };
const FIRST = `hello 你好 first${RUN}`;
const SECOND = `the budget word keep${RUN} stays`;

if (!TENANT || !ADMIN_PASSWORD) {
  console.error('set TENANT and ADMIN_PASSWORD');
  process.exit(2);
}

const browser = await launch();
const pages = [];
const problems = [];
try {
  const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const admin = await adminCtx.newPage();
  pages.push(['admin', admin]);

  let done = step('admin signs in');
  await login(admin, 'admin', TENANT, ADMIN, ADMIN_PASSWORD);
  await admin.getByRole('heading', { name: 'Departments' }).waitFor();
  done();

  done = step('admin creates a department');
  await admin.getByRole('button', { name: 'New top-level department' }).click();
  await admin.getByLabel('Department name').fill(DEPT);
  await admin.getByRole('button', { name: 'OK' }).click();
  await admin.locator('.ant-tree').getByText(DEPT, { exact: true }).click();
  await admin.getByRole('heading', { name: new RegExp(`Employees of ${DEPT}`) }).waitFor();
  done();

  const ids = {};
  for (const u of [A, B]) {
    done = step(`admin creates employee ${u.account}`);
    await admin.getByRole('button', { name: 'New employee' }).click();
    const dialog = admin.getByRole('dialog', { name: 'New employee' });
    await dialog.getByLabel('Account').fill(u.account);
    await dialog.getByLabel('Name').fill(u.name);
    await dialog.getByLabel('Initial password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Save' }).click();
    const row = admin.locator('tr', { hasText: u.account });
    await row.waitFor();
    ids[u.account] = (await row.locator('.user-id').innerText()).trim();
    if (!/^\d+$/.test(ids[u.account])) throw new Error(`no id shown for ${u.account}: ${ids[u.account]}`);
    done();
  }
  await shot(admin, 'admin-departments-employees');

  done = step('both employees sign in (desktop and 375 px phone)');
  const aCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bCtx = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const a = await aCtx.newPage();
  const b = await bCtx.newPage();
  pages.push(['a', a], ['b', b]);
  for (const p of [a, b]) p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await login(a, 'app', TENANT, A.account, PASSWORD);
  await login(b, 'app', TENANT, B.account, PASSWORD);
  for (const p of [a, b]) await p.locator('[data-state="online"]').waitFor();
  done();

  done = step('A opens a chat with B and sends');
  await a.getByRole('button', { name: 'New chat' }).click();
  await a.getByLabel("Colleague's user id").fill(ids[B.account]);
  await a.getByRole('button', { name: 'Open chat' }).click();
  const composer = a.getByRole('textbox', { name: 'Message' });
  await composer.fill(FIRST);
  await composer.press('Enter');
  const mine = a.locator('.row.mine', { hasText: FIRST });
  await mine.waitFor();
  const msgId = await mine.getAttribute('data-msg-id');
  const receipt = a.locator(`[data-receipt="${msgId}"]`);
  await eventually('the receipt to show Unread', async () => (await receipt.innerText()) === 'Unread', 30_000, 300);
  await shot(a, 'app-desktop-sent-unread');
  done();

  done = step('B sees the unread badge on the phone and reads');
  const conv = b.locator(`[data-conv="SINGLE:${ids[A.account]}"]`);
  await eventually('B to see 1 unread', async () => /1 unread/.test((await conv.getAttribute('aria-label')) ?? ''), 30_000, 300);
  await shot(b, 'app-phone-conversations');
  await conv.click();
  await b.locator('.row', { hasText: FIRST }).waitFor();
  await shot(b, 'app-phone-chat');
  done();

  done = step('A sees the receipt change to Read');
  await eventually('the receipt to show Read', async () => (await receipt.innerText()) === 'Read', 30_000, 300);
  await receipt.click();
  await a.getByRole('dialog', { name: 'Read receipt' }).getByText('1 read, 0 unread').waitFor();
  await a.keyboard.press('Escape');
  done();

  done = step('B replies, A receives it');
  const bComposer = b.getByRole('textbox', { name: 'Message' });
  await bComposer.fill(SECOND);
  await b.getByRole('button', { name: 'Send' }).click();
  await a.locator('.row:not(.mine)', { hasText: SECOND }).waitFor();
  await shot(a, 'app-desktop-chat-read');
  done();

  done = step('A recalls the first message; both see it recalled');
  await mine.getByRole('button', { name: 'Recall this message' }).click();
  await a.getByRole('dialog').getByRole('button', { name: 'Recall' }).click();
  await a.locator(`[data-msg-id="${msgId}"]`, { hasText: 'This message was recalled' }).waitFor();
  await b.locator(`[data-msg-id="${msgId}"]`, { hasText: 'This message was recalled' }).waitFor({ timeout: 30_000 });
  await shot(b, 'app-phone-recalled');
  done();

  done = step('A searches its messages');
  await a.getByRole('button', { name: 'Search my messages' }).click();
  const words = a.getByLabel('Search words');
  await eventually('the archive to return the reply', async () => {
    await words.fill(`keep${RUN}`);
    await words.press('Enter');
    await a.waitForTimeout(500);
    return (await a.locator('.search-hit').count()) > 0;
  });
  const hitMark = await a.locator('.search-hit mark').first().innerText();
  if (hitMark !== `keep${RUN}`) throw new Error(`highlight shows "${hitMark}"`);
  await shot(a, 'app-desktop-search');
  // The recalled message is not among an employee's hits.
  await words.fill(`first${RUN}`);
  await words.press('Enter');
  await eventually('the recalled message to leave the employee search', async () => {
    await words.press('Enter');
    await a.waitForTimeout(500);
    return (await a.getByText('0 found').count()) > 0;
  });
  done();

  done = step('admin finds the messages in the compliance search');
  await admin.getByRole('menuitem', { name: 'Compliance search' }).click();
  await admin.getByLabel('Words').fill(`first${RUN}`);
  await eventually('the admin search to show the recalled message', async () => {
    await admin.getByRole('button', { name: 'Search' }).click();
    await admin.waitForTimeout(500);
    return (await admin.locator('.hit', { hasText: 'recalled' }).count()) > 0;
  });
  await admin.getByLabel('Words').fill(`keep${RUN}`);
  await admin.getByRole('button', { name: 'Search' }).click();
  await admin.locator('.hit mark', { hasText: `keep${RUN}` }).waitFor();
  await shot(admin, 'admin-compliance-search');
  done();

  if (problems.length) throw new Error(problems.join('; '));
  console.log(`SCENARIO OK tenant=${TENANT} run=${RUN} base=${BASE}`);
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(`SCENARIO FAILED: ${e.stack ?? e}`);
  for (const [name, p] of pages) {
    try {
      await shot(p, `failure-${name}`);
    } catch {
      /* page gone */
    }
  }
  await browser.close();
  process.exit(1);
}

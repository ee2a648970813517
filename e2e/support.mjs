// Shared helpers of the browser tests: the application under test, Debian's Chromium driven by
// playwright-core, Tasklist and Cockpit steps, and HTTP checks against the engine's REST API and
// the embedded ServiceNow simulator.
//
// The tests normally run through e2e/run.mjs, which starts the packaged application once and
// passes its address in E2E_BASE_URL (and its log file in E2E_APP_LOG). Run on their own
// (node --test e2e/), each test file starts its own application instead.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, freePort, signInSettings, startApp, startProvider } from './app.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = join(ROOT, 'target', 'e2e-screenshots');
export const PASSWORD = 'demo';
const ADMIN = { user: 'admin', password: PASSWORD };
const INTEGRATION = { user: 'integration', password: 'integration' };

/** How long the process may take to reach the next user task or its end (job executor, simulator). */
export const PROCESS_TIMEOUT_MS = Number(process.env.E2E_PROCESS_TIMEOUT_MS ?? 90_000);
/** Timeout of a single browser action or selector wait. */
export const UI_TIMEOUT_MS = 30_000;
/** Timeout of one journey (one test). */
export const JOURNEY_TIMEOUT_MS = 10 * 60_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let freshApp = process.env.E2E_FRESH_APP === '1';

// The account name's characters and length as the start form checks them (FormContractTests holds the form to
// RequestRules, where the rule is written); the configured prefix is left to the server, as in the form.
const ACCOUNT_NAME_RULE = JSON.parse(readFileSync(join(ROOT, 'forms', 'requestServiceAccount.form'), 'utf8'))
  .components.find((component) => component.key === 'accountUserName').validate;
const fitsAccountNameRule = (name) => new RegExp(ACCOUNT_NAME_RULE.pattern).test(name)
  && name.length >= ACCOUNT_NAME_RULE.minLength && name.length <= ACCOUNT_NAME_RULE.maxLength;

/**
 * The user name of the requested account, one per journey. On a fresh application (run.mjs, or a
 * file that started its own) the readable name itself, which also appears in the README's
 * screenshots; on an application that may already know it (E2E_BASE_URL given by hand), the name
 * with a unique suffix, so that journeys and earlier runs never collide.
 */
export function accountName(name) {
  if (!fitsAccountNameRule(name)) throw new Error(`not a valid account name: ${name}`);
  if (freshApp) return name;
  const unique = `${name}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  if (!fitsAccountNameRule(unique)) throw new Error(`account name too long: ${unique}`);
  return unique;
}

/**
 * The application under test: the one run.mjs started (E2E_BASE_URL), or a fresh one for this file.
 * With signIn 'provider', always a fresh one in oidc mode, people signing in at the tests' OpenID
 * provider, which is started first. Call in before(); call release() in after().
 */
export async function useApp(name, { signIn = 'camunda' } = {}) {
  if (signIn === 'provider') {
    return useAppWithSingleSignOn(name);
  }
  if (process.env.E2E_BASE_URL) {
    return {
      baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''),
      logFile: process.env.E2E_APP_LOG,
      outbox: process.env.E2E_OUTBOX,
      admin: ADMIN,
      release: async () => {},
    };
  }
  const app = await startApp({ name });
  freshApp = true;
  return { baseUrl: app.baseUrl, logFile: app.logFile, outbox: app.outbox, admin: ADMIN, release: app.stop };
}

async function useAppWithSingleSignOn(name) {
  const admin = { user: 'breakglass', password: 'Break-glass-e2e-2026' };
  const port = await freePort();
  const provider = await startProvider({ appPort: port, name: `${name}-provider` });
  let app;
  try {
    app = await startApp({ name, port, args: signInSettings(provider.issuer, admin) });
  } catch (e) {
    await provider.stop();
    throw e;
  }
  freshApp = true;
  return {
    baseUrl: app.baseUrl,
    logFile: app.logFile,
    outbox: app.outbox,
    admin,
    provider: provider.issuer,
    release: async () => {
      await app.stop();
      await provider.stop();
    },
  };
}

/**
 * One journey's fixtures: the application and a browser, set up before its tests and closed after
 * them. Read `journey.app` and `journey.browser` inside the tests. With signIn 'provider', people
 * sign in at the tests' OpenID provider (see useApp), and `browser.login` does it there.
 */
export function journeyFixtures(name, { signIn = 'camunda' } = {}) {
  const journey = { app: undefined, browser: undefined };
  before(async () => {
    journey.app = await useApp(name, { signIn });
    journey.browser = await Browser.launch(name, journey.app.baseUrl, { provider: journey.app.provider });
  });
  after(async () => {
    await journey.browser?.close();
    await journey.app?.release();
  });
  return journey;
}

// ---------------------------------------------------------------------------------------------
// HTTP: engine REST API (as admin) and the ServiceNow simulator (as the integration user)

async function getJson(url, { user, password }) {
  const res = await fetch(url, {
    headers: { Accept: 'application/json', Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64') },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} as ${user} answered HTTP ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

async function sendJson(method, url, { user, password }, body) {
  const res = await fetch(url, {
    method,
    headers: {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64'),
    },
    body: JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} as ${user} answered HTTP ${res.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Waits for the mail about this account whose subject contains `subject`, in the local default's
 * outbox (a directory of .eml files); returns the whole file as text.
 */
/** A MIME entity's header block, folded lines unfolded (RFC 5322). */
function unfoldedHeaders(entity) {
  const end = entity.search(/\r?\n\r?\n/);
  return (end < 0 ? entity : entity.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
}

/**
 * A mail as a person reads it: its headers, then every text part decoded from its transfer encoding
 * (quoted-printable or base64, which Jakarta Mail picks when the text has non-ASCII characters or long lines)
 * and its UTF-8 charset. Matching the raw file would miss a URL that quoted-printable wrapped or whose `=` it
 * wrote as `=3D`.
 */
export function mailText(raw) {
  const headers = unfoldedHeaders(raw);
  const bodyStart = /\r?\n\r?\n/.exec(raw);
  const body = bodyStart ? raw.slice(bodyStart.index + bodyStart[0].length) : '';
  const boundary = /^Content-Type:\s*multipart\/[^\n]*?boundary="?([^";\r\n]+)"?/im.exec(headers)?.[1];
  if (boundary) {
    const parts = body.split(`--${boundary}`).slice(1).filter((part) => !part.startsWith('--'));
    return [headers, ...parts.map((part) => mailText(part.replace(/^\r?\n/, '')))].join('\n\n');
  }
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  let bytes;
  if (encoding === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    bytes = Buffer.from(soft.replace(/=([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  } else if (encoding === 'base64') {
    bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  } else {
    bytes = Buffer.from(body, 'latin1');
  }
  return `${headers}\n\n${bytes.toString('utf8')}`;
}

export async function outboxMail(outbox, account, subject, { timeoutMs = PROCESS_TIMEOUT_MS } = {}) {
  if (!outbox) throw new Error('no outbox: run through e2e/run.mjs, or let the test start its own application');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const names = existsSync(outbox) ? readdirSync(outbox).filter((n) => n.endsWith('.eml')).sort() : [];
    for (const name of names) {
      // Headers may be folded over several lines (RFC 5322): unfold before reading the subject.
      const raw = readFileSync(join(outbox, name), 'latin1');
      const subjectLine = /^Subject: (.*)$/im.exec(unfoldedHeaders(raw))?.[1] ?? '';
      if (subjectLine.includes(`Service account ${account}`) && subjectLine.includes(subject)) return mailText(raw);
    }
    await sleep(500);
  }
  throw new Error(`no mail "${subject}" about ${account} in ${outbox} within ${timeoutMs / 1000} s`);
}

export class Engine {
  /** The engine REST API, read as the administrator (the app's `admin`). */
  constructor(baseUrl, admin = ADMIN) {
    this.baseUrl = baseUrl;
    this.admin = admin;
  }

  get(path) {
    return getJson(`${this.baseUrl}/engine-rest${path}`, this.admin);
  }

  /** A POST to the engine REST API as `as` (a demo person, password demo; default the administrator). */
  post(path, body, as = this.admin) {
    return this.send('POST', path, body, as);
  }

  send(method, path, body, as = this.admin) {
    const auth = typeof as === 'string' ? { user: as, password: PASSWORD } : as;
    return sendJson(method, `${this.baseUrl}/engine-rest${path}`, auth, body);
  }

  /**
   * The one instance (running or finished) of the process whose business key is the account name:
   * by default its request (the account's lifecycle and retirement carry the same key).
   */
  async historicInstance(account, processKey = 'serviceAccountRequest') {
    const list = await this.get(`/history/process-instance?processInstanceBusinessKey=${encodeURIComponent(account)}`
      + `&processDefinitionKey=${processKey}`);
    if (list.length > 1) throw new Error(`${list.length} ${processKey} instances have the business key ${account}; expected one`);
    return list[0] ?? null;
  }

  /** Where the instance of this account stands, for failure messages. */
  async describe(account) {
    try {
      const instance = await this.historicInstance(account);
      if (!instance) return `no process instance has the business key ${account}`;
      const active = instance.state === 'ACTIVE';
      const [open, incidents, tasks, failing] = await Promise.all([
        this.get(`/history/activity-instance?processInstanceId=${instance.id}&unfinished=true`),
        active ? this.get(`/incident?processInstanceId=${instance.id}`) : [],
        active ? this.get(`/task?processInstanceId=${instance.id}`) : [],
        active ? this.get(`/job?processInstanceId=${instance.id}&withException=true`) : [],
      ]);
      const parts = [`instance ${instance.id} (business key ${account}) is ${instance.state}`];
      if (open.length) parts.push('waiting at: ' + open.map((a) => `${a.activityName ?? a.activityId} (${a.activityId})`).join(', '));
      if (tasks.length) parts.push('open tasks: ' + tasks.map((t) => `${t.name} [${t.taskDefinitionKey}] for ${t.assignee ?? 'candidates'}`).join(', '));
      if (failing.length) parts.push('FAILING JOBS: ' + failing.map((j) => `${j.failedActivityId ?? j.id} (${j.retries} retries left): ${j.exceptionMessage}`).join(' | '));
      if (incidents.length) parts.push('INCIDENTS: ' + incidents.map((i) => `${i.activityId}: ${i.incidentMessage}`).join(' | '));
      return parts.join('; ');
    } catch (e) {
      return `(could not describe the instance: ${e.message})`;
    }
  }

  /** Polls until the open task of this account with this definition key exists; returns it. */
  async waitForTask(account, taskDefinitionKey, { timeoutMs = PROCESS_TIMEOUT_MS } = {}) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const tasks = await this.get(`/task?processInstanceBusinessKey=${encodeURIComponent(account)}`
        + `&taskDefinitionKey=${taskDefinitionKey}`);
      if (tasks.length === 1) return tasks[0];
      if (tasks.length > 1) throw new Error(`${tasks.length} open ${taskDefinitionKey} tasks for ${account}; expected one`);
      await this.failOnIncident(account, `waiting for the task ${taskDefinitionKey}`);
      await sleep(500);
    }
    throw new Error(`no open task ${taskDefinitionKey} for ${account} within ${timeoutMs / 1000} s: `
      + await this.describe(account));
  }

  /** Polls until the task is gone from the runtime (completed). */
  async waitForTaskCompleted(task, { timeoutMs = 30_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const open = await this.get(`/task?taskId=${task.id}`);
      if (open.length === 0) return;
      await sleep(300);
    }
    throw new Error(`the task "${task.name}" (${task.id}) was still open ${timeoutMs / 1000} s after Complete`);
  }

  /** Polls until the instance of this account has ended; returns the historic instance. */
  async waitForEnd(account, { timeoutMs = PROCESS_TIMEOUT_MS } = {}) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const instance = await this.historicInstance(account);
      if (instance && instance.state !== 'ACTIVE') return instance;
      await this.failOnIncident(account, 'waiting for the end of the process');
      await sleep(500);
    }
    throw new Error(`the process of ${account} did not end within ${timeoutMs / 1000} s: ${await this.describe(account)}`);
  }

  async failOnIncident(account, doing) {
    const instance = await this.historicInstance(account).catch(() => null);
    if (!instance || instance.state !== 'ACTIVE') return;
    const incidents = await this.get(`/incident?processInstanceId=${instance.id}`).catch(() => []);
    if (incidents.length) {
      throw new Error(`incident while ${doing}: ${await this.describe(account)}`);
    }
  }

  /** Ids of the activities the (finished or running) instance has completed, in order. */
  async finishedActivityIds(processInstanceId) {
    const acts = await this.get(`/history/activity-instance?processInstanceId=${processInstanceId}`
      + '&finished=true&sortBy=startTime&sortOrder=asc');
    return acts.map((a) => a.activityId);
  }
}

export class Simulator {
  constructor(baseUrl) {
    this.api = `${baseUrl}/servicenow-simulator/api/now/v2/table`;
  }

  /** What an administrator does in ServiceNow: changes fields of a record. */
  async patch(table, sysId, fields) {
    return (await sendJson('PATCH', `${this.api}/${table}/${sysId}`, INTEGRATION, fields)).result;
  }

  async query(table, query, fields) {
    const params = new URLSearchParams({ sysparm_query: query });
    if (fields) params.set('sysparm_fields', fields);
    const body = await getJson(`${this.api}/${table}?${params}`, INTEGRATION);
    return body.result;
  }

  /** The sys_user with this user_name, or null. */
  async user(userName) {
    const users = await this.query('sys_user', `user_name=${userName}`);
    if (users.length > 1) throw new Error(`${users.length} sys_user records named ${userName}`);
    return users[0] ?? null;
  }

  /** Names of the groups the user (by sys_id) is a member of, sorted. */
  async groupNamesOf(userSysId) {
    const [memberships, groups] = await Promise.all([
      this.query('sys_user_grmember', `user=${userSysId}`, 'group'),
      this.query('sys_user_group', '', 'sys_id,name'),
    ]);
    const names = new Map(groups.map((g) => [g.sys_id, g.name]));
    return memberships.map((m) => names.get(m.group?.value ?? m.group) ?? `unknown group ${JSON.stringify(m.group)}`).sort();
  }
}

// ---------------------------------------------------------------------------------------------
// The browser

/**
 * One Chromium (fresh user-data-dir, 1280x800) for one journey. Screenshots go to
 * target/e2e-screenshots/<journey>/NN-<step>.png. Given an OpenID provider's issuer, people sign in
 * there instead of Camunda's login form.
 */
export class Browser {
  static async launch(journey, baseUrl, { provider } = {}) {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (Debian: apt-get install -y chromium)`);
    const userDataDir = mkdtempSync(join(tmpdir(), 'e2e-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    return new Browser(journey, baseUrl, context, userDataDir, provider);
  }

  constructor(journey, baseUrl, context, userDataDir, provider) {
    this.journey = journey;
    this.baseUrl = baseUrl;
    this.provider = provider;
    this.context = context;
    this.userDataDir = userDataDir;
    this.page = context.pages()[0];
    this.page.setDefaultTimeout(UI_TIMEOUT_MS);
    this.shotDir = join(SCREENSHOTS, journey);
    rmSync(this.shotDir, { recursive: true, force: true });
    mkdirSync(this.shotDir, { recursive: true });
    this.shotCount = 0;
    this.problems = [];
    this.page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
    // Every page the browser opened (main frame), e.g. to see a sign-out pass by the provider.
    this.navigations = [];
    this.page.on('framenavigated', (frame) => {
      if (frame === this.page.mainFrame()) this.navigations.push(frame.url());
    });
    this.page.on('request', (r) => {
      if (r.isNavigationRequest() && r.frame() === this.page.mainFrame()) this.navigations.push(r.url());
    });
    this.page.on('response', (r) => {
      if (r.status() >= 500) this.problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
    });
  }

  async close() {
    await this.context.close().catch(() => {});
    rmSync(this.userDataDir, { recursive: true, force: true });
  }

  /** Saves a screenshot of the viewport as NN-<step>.png; returns its path. */
  async shot(step) {
    this.shotCount += 1;
    const file = join(this.shotDir, `${String(this.shotCount).padStart(2, '0')}-${step}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Runs one step of a journey. A failure is rethrown naming the step, with a screenshot, the
   * page's visible notifications, server errors seen by the browser and (given an account) where
   * its process instance stands.
   */
  async step(name, fn, { engine, account } = {}) {
    try {
      return await fn();
    } catch (e) {
      const details = [`step "${name}" of the ${this.journey} journey failed: ${e.message}`];
      try {
        details.push(`screenshot: ${await this.shot(`FAILED-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`)}`);
        details.push(`page: ${this.page.url()}`);
        const notes = await this.notifications();
        if (notes.length) details.push(`notifications on the page: ${notes.join(' | ')}`);
      } catch { /* the page may be gone */ }
      if (this.problems.length) details.push(`seen by the browser: ${this.problems.slice(-5).join(' | ')}`);
      if (engine && account) details.push(`process: ${await engine.describe(account)}`);
      const error = new Error(details.join('\n  '));
      error.cause = e;
      throw error;
    }
  }

  /** Texts of the visible notifications (green/red boxes) of a Camunda web app. */
  async notifications() {
    return this.page.$$eval('.notifications .alert', (els) => els
      .filter((e) => e.offsetParent !== null)
      .map((e) => e.innerText.replace(/^×\s*/, '').replace(/\s+/g, ' ').trim()));
  }

  /**
   * Opens a page of a Camunda web app and waits for a selector. The web apps load their plugins
   * with RequireJS, which gives up after a few seconds on a cold application ("Load timeout for
   * modules"); the page is then loaded again, up to three times.
   */
  async openWebApp(url, readySelector) {
    const { page } = this;
    for (let attempt = 1; ; attempt += 1) {
      const errorsBefore = this.problems.length;
      await page.goto(url);
      try {
        await page.locator(readySelector).first().waitFor({ state: 'visible', timeout: attempt < 3 ? 20_000 : UI_TIMEOUT_MS });
        return;
      } catch (e) {
        const loadErrors = this.problems.slice(errorsBefore).filter((p) => /Load timeout|Script error/.test(p));
        if (attempt >= 3) throw new Error(`${url} did not show ${readySelector} after ${attempt} attempts`
          + (loadErrors.length ? ` (${loadErrors.join(' | ')})` : '') + `: ${e.message}`);
        console.log(`# ${this.journey}: ${url} did not show ${readySelector} (attempt ${attempt}`
          + (loadErrors.length ? `, ${loadErrors.join(' | ').slice(0, 200)}` : '') + '); loading it again');
      }
    }
  }

  /**
   * Logs in to a Camunda web app (tasklist, cockpit) as a fresh session. A cold web app may still
   * be rendering its login view while it is typed into; the fields are therefore checked before
   * the form is sent, and the whole login is tried again (three times at most) when the app does
   * not open.
   */
  async login(app, user) {
    if (this.provider) return this.signInAtProvider(app, user);
    const { page } = this;
    const loggedIn = page.locator(app === 'tasklist' ? '.task-filter' : 'a[href="#/processes"]').first();
    const username = page.locator('input[placeholder="Username"]');
    const password = page.locator('input[placeholder="Password"]');
    for (let attempt = 1; ; attempt += 1) {
      await this.context.clearCookies();
      await this.openWebApp(`${this.baseUrl}/camunda/app/${app}/default/#/login`, 'input[placeholder="Username"]');
      for (let typing = 1; ; typing += 1) {
        await username.fill(user);
        await password.fill(PASSWORD);
        if (await username.inputValue() === user && await password.inputValue() === PASSWORD) break;
        if (typing >= 5) throw new Error(`the login form of ${app} did not keep what was typed into it`);
        await sleep(500);
      }
      await page.locator('button[type="submit"]').click();
      try {
        await untilOrFail(loggedIn.waitFor({ state: 'visible', timeout: attempt < 3 ? 20_000 : UI_TIMEOUT_MS }),
          page.locator('.notifications .alert-danger'), `login to ${app} as ${user} refused: `);
        return;
      } catch (e) {
        if (attempt >= 3 || /refused/.test(e.message)) throw e;
        console.log(`# ${this.journey}: login to ${app} as ${user} did not open the app (attempt ${attempt}); trying again`);
      }
    }
  }

  /**
   * Signs in to a Camunda web app (tasklist, cockpit) as a fresh session, at the OpenID provider:
   * the web app sends the browser to the provider's login page, and the provider back once the
   * person has signed in. Tried again (three times at most) when the web app does not open.
   */
  async signInAtProvider(app, user) {
    const { page } = this;
    const loggedIn = page.locator(app === 'tasklist' ? '.task-filter' : 'a[href="#/processes"]').first();
    for (let attempt = 1; ; attempt += 1) {
      await this.context.clearCookies();
      await page.goto(`${this.baseUrl}/camunda/app/${app}/default/`);
      await this.signInAtProvidersPage(user);
      try {
        await loggedIn.waitFor({ state: 'visible', timeout: attempt < 3 ? 20_000 : UI_TIMEOUT_MS });
        return;
      } catch (e) {
        if (attempt >= 3) throw new Error(`signed in at the provider as ${user}, but ${app} did not open: ${e.message}`);
        console.log(`# ${this.journey}: ${app} did not open after signing in as ${user} (attempt ${attempt}); trying again`);
      }
    }
  }

  /** On the provider's login page (where the browser must be): signs in as `user`. */
  async signInAtProvidersPage(user) {
    const { page } = this;
    const username = page.locator('input[name="username"]');
    await username.waitFor({ state: 'visible' });
    if (!page.url().startsWith(`${this.provider}/login`)) {
      throw new Error(`expected the provider's login page, but the browser is at ${page.url()}`);
    }
    await username.fill(user);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.href.startsWith(this.baseUrl));
  }

  /** Signs out with the web app's own button (the user menu, "Sign out"). */
  async signOut() {
    const { page } = this;
    await page.locator('.account.dropdown .dropdown-toggle').click();
    await page.locator('.account.dropdown li.logout a').click();
  }

  // --- Tasklist ------------------------------------------------------------------------------

  /** Tasklist's Start process dialog, with the start form of "Service account request" open. */
  async openStartForm() {
    const { page } = this;
    await page.locator('a:has-text("Start process")').first().click();
    await page.locator('.modal a:has-text("Service account request")').click();
    await page.locator('.modal ' + field('accountUserName')).waitFor({ state: 'visible' });
  }

  /** Fills form-js fields by key, within scope ('.modal' for the start form, '.task-details' for a task). */
  async fill(scope, values) {
    for (const [key, value] of Object.entries(values)) {
      await this.page.locator(`${scope} ${field(key)}`).fill(value);
    }
  }

  /** The validation messages form-js shows under a field ('' when none). */
  async fieldError(scope, key) {
    const error = this.page.locator(`${scope} [id$="-${key}-error-message"]`);
    return (await error.count()) ? (await error.innerText()).trim() : '';
  }

  async submitStartForm() {
    const { page } = this;
    const start = page.locator('.modal button:has-text("Start")');
    await expectEnabled(start, 'the Start button');
    await start.click();
    const started = page.locator('.notifications .alert:has-text("The process has been started")');
    await untilOrFail(started.first().waitFor({ state: 'visible' }),
      page.locator('.notifications .alert-danger'), 'the start was refused: ');
    await page.locator('.modal').waitFor({ state: 'detached' });
  }

  /**
   * Logs in to Tasklist as `user` and starts a request through the start form with these fields;
   * `shot` names a screenshot of the filled form, taken before it is sent.
   */
  async requestAccount(user, fields, { shot } = {}) {
    await this.login('tasklist', user);
    await this.openStartForm();
    await this.fill('.modal', fields);
    if (shot) await this.shot(shot);
    await this.submitStartForm();
  }

  /**
   * Finds the task in the logged-in user's Tasklist ("All tasks" filter), reloading the list until
   * it appears, and opens its form.
   */
  async openTask(task, { timeoutMs = PROCESS_TIMEOUT_MS } = {}) {
    const { page } = this;
    const link = page.locator(`.tasks-list a[href="#/?task=${task.id}"]`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await page.locator('.task-filter:has-text("All tasks")').first().click();
      try {
        await link.waitFor({ state: 'visible', timeout: 5_000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) {
          throw new Error(`the task "${task.name}" (${task.id}) did not appear in Tasklist within ${timeoutMs / 1000} s`);
        }
        await page.reload();
        await page.locator('.task-filter').first().waitFor({ state: 'visible' });
      }
    }
    await link.click();
    await page.locator('.task-details .fjs-form').waitFor({ state: 'visible' });
    await page.locator('.task-details button:has-text("Complete")').waitFor({ state: 'visible' });
  }

  /** Value of a form-js field of the open task (input, textarea, or checkbox state). */
  async taskValue(key) {
    const input = this.page.locator(`.task-details ${field(key)}`);
    return input.inputValue();
  }

  /** Clicks Complete on the open task and waits until the engine has completed it. */
  async completeTask(engine, task) {
    const { page } = this;
    const complete = page.locator('.task-details button:has-text("Complete")');
    await expectEnabled(complete, 'the Complete button');
    await complete.click();
    await untilOrFail(engine.waitForTaskCompleted(task),
      page.locator('.notifications .alert-danger'), `completing "${task.name}" failed: `);
  }
}

/** form-js renders a field's input with an id ending in -<key>. */
export function field(key) {
  return `:is(input, textarea, select)[id$="-${key}"]`;
}

/**
 * Waits for success, unless an element of failure (e.g. a red notification) shows up first:
 * then fails with message + its text.
 */
async function untilOrFail(success, failure, message) {
  let settled = false;
  const watcher = (async () => {
    while (!settled) {
      const first = failure.first();
      if (await first.isVisible().catch(() => false)) {
        throw new Error(message + (await first.innerText()).replace(/^×\s*/, '').replace(/\s+/g, ' ').trim());
      }
      await sleep(250);
    }
  })();
  try {
    return await Promise.race([success, watcher]);
  } finally {
    settled = true;
  }
}

async function expectEnabled(locator, what) {
  await locator.waitFor({ state: 'visible' });
  const deadline = Date.now() + 5_000;
  while (await locator.isDisabled()) {
    if (Date.now() > deadline) throw new Error(`${what} stayed disabled (is a required field empty or invalid?)`);
    await sleep(100);
  }
}

/** The log lines of the application from a given offset (mails are logged when no SMTP host is set). */
export function appLogSince(logFile, offset = 0) {
  if (!logFile || !existsSync(logFile)) return null;
  return readFileSync(logFile, 'utf8').slice(offset);
}

export function appLogLength(logFile) {
  if (!logFile || !existsSync(logFile)) return 0;
  return readFileSync(logFile, 'utf8').length;
}

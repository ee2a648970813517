// Single sign-on journey: the application in oidc mode, people signing in at a real OpenID provider
// (the tests' Spring Authorization Server, started beside it) on the provider's own login page, with
// no Camunda user but the break-glass administrator. The main journey runs as it is (main-journey.mjs:
// alice requests, bob approves, alice validates, admin looks in Cockpit); then Tasklist's own
// sign-out button ends the session here and at the provider, and lands on the provider's login page,
// where signing in again leads to the web apps' welcome page and on to Tasklist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JOURNEY_TIMEOUT_MS, journeyFixtures } from './support.mjs';
import { mainJourney } from './main-journey.mjs';

const journey = journeyFixtures('sso-journey', { signIn: 'provider' });

test('with single sign-on, alice requests a service account, bob approves, alice confirms; signing out ends both sessions',
  { timeout: JOURNEY_TIMEOUT_MS }, async () => {
    const b = journey.browser;
    const { baseUrl, provider } = journey.app;
    await mainJourney(journey, 'svc_sso_sync');

    await b.step('alice signs out with Tasklist\'s button and lands on the provider\'s login page', async () => {
      const { page } = b;
      await b.login('tasklist', 'alice');
      await b.shot('signed-in-at-the-provider');
      await b.signOut();
      await page.waitForURL((url) => url.href.startsWith(`${provider}/login`));
      await page.locator('input[name="username"]').waitFor({ state: 'visible' });
      const visited = b.navigations.map((url) => new URL(url));
      assert.ok(visited.some((url) => url.origin === provider && url.pathname === '/connect/logout'
        && url.searchParams.has('id_token_hint')),
      `the browser passed the provider's sign-out: ${visited.map((url) => url.origin + url.pathname).join(', ')}`);
      const session = await page.request.get(`${baseUrl}/camunda/api/admin/auth/user/default`);
      assert.equal(session.status(), 401, 'no session here any more');
      await b.shot('signed-out-at-the-provider');
    });

    await b.step('signing in again leads to the web apps\' welcome page, and on to Tasklist', async () => {
      const { page } = b;
      await b.signInAtProvidersPage('alice');
      const tasklist = page.locator('a:has-text("Tasklist")').first();
      await tasklist.waitFor({ state: 'visible' });
      assert.match(page.url(), /\/camunda\/app\/welcome\//, 'the web apps\' welcome page');
      await b.shot('signed-in-again');
      await tasklist.click();
      await page.locator('.task-filter').first().waitFor({ state: 'visible' });
      const session = await page.request.get(`${baseUrl}/camunda/api/admin/auth/user/default`);
      assert.equal((await session.json()).userId, 'alice');
    });
  });

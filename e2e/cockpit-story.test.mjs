// The "Service accounts" page in Cockpit: alice gets a governed account (bob approves it with a
// comment); carol, a fallback approver, opens Cockpit, goes to "Service accounts", filters the
// inventory by owner and state, opens the account's story and finds the approver and the comment;
// then alice, the owner, opens Cockpit and finds her own accounts only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './app.mjs';
import { Engine, JOURNEY_TIMEOUT_MS, PROCESS_TIMEOUT_MS, accountName, journeyFixtures } from './support.mjs';

const journey = journeyFixtures('cockpit-story');

const string = (value) => ({ value, type: 'String' });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const COMMENT = 'Fine for the Jira sync; CMDB read only';

async function waitFor(what, condition, timeoutMs = PROCESS_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

test('carol finds who approved alice\'s account, and why, in Cockpit', { timeout: JOURNEY_TIMEOUT_MS }, async () => {
  const engine = new Engine(journey.app.baseUrl, journey.app.admin);
  const account = accountName('svc_jira_audit');
  const b = journey.browser;
  const ctx = { engine, account };

  await b.step('alice gets a governed account; bob approves it with a comment (over the REST API)', async () => {
    await engine.post('/process-definition/key/serviceAccountRequest/start', {
      variables: {
        accountUserName: string(account), displayName: string('Jira sync'),
        purpose: string('Jira calls the Table API to sync incidents'), accountEmail: string(''),
        additionalGroups: string('CMDB Read Access'),
      },
    }, 'alice');
    const approval = await engine.waitForTask(account, 'approveServiceAccount');
    await engine.post(`/task/${approval.id}/complete`,
      { variables: { approved: { value: true, type: 'Boolean' }, approvalComment: string(COMMENT) } }, 'bob');
    const validation = await engine.waitForTask(account, 'validateServiceAccount');
    await engine.post(`/task/${validation.id}/complete`, { variables: { validationOutcome: string('callsWork') } }, 'alice');
    await engine.waitForEnd(account);
    await waitFor(`the lifecycle of ${account}`, async () => (await engine.get(
      `/process-instance?processDefinitionKey=serviceAccountLifecycle&businessKey=${account}`)).length === 1);
  }, ctx);

  const { page } = b;
  await b.step('carol opens Cockpit and goes to "Service accounts"', async () => {
    await b.login('cockpit', 'carol');
    const nav = page.locator('[data-test="sa-nav"]');
    await nav.waitFor({ state: 'visible' });
    await nav.click();
    await page.locator('[data-test="sa-inventory"]').waitFor({ state: 'visible' });
  }, ctx);

  await b.step('she filters by owner and state', async () => {
    await page.locator('[data-test="sa-filter"] input[name="owner"]').fill('alice');
    await page.locator('[data-test="sa-filter"] select[name="state"]').selectOption('live');
    await page.locator('[data-test="sa-filter"] button[type="submit"]').click();
    await page.waitForURL(/owner=alice/);
    const row = page.locator(`[data-test="sa-inventory"] tr:has([data-test="sa-account"]:text-is("${account}"))`);
    await row.waitFor({ state: 'visible' });
    const cells = await row.locator('td').allInnerTexts();
    assert.equal(cells[1], 'alice', 'the owner');
    assert.equal(cells[3], 'live', 'the state');
    assert.match(cells[5], /^\d{4}-\d\d-\d\d /, 'the next review');
    for (const state of await page.locator('[data-test="sa-inventory"] tbody tr td:nth-child(4)').allInnerTexts()) {
      assert.equal(state, 'live', 'only live accounts are listed');
    }
    await b.shot('inventory-filtered');
  }, ctx);

  await b.step('she opens the account\'s story and finds the approver and the comment', async () => {
    await page.locator(`[data-test="sa-account"]:text-is("${account}")`).click();
    const story = page.locator('[data-test="sa-story"]');
    await story.waitFor({ state: 'visible' });
    const approval = story.locator('tr:has(td:text-is("Approve service account"))');
    await approval.waitFor({ state: 'visible' });
    assert.equal(await approval.locator('[data-test="sa-by"]').innerText(), 'bob', 'the approver');
    assert.equal(await approval.locator('[data-test="sa-comment"]').innerText(), COMMENT, 'the approval comment');
    assert.ok((await story.innerText()).includes('In ServiceNow now'));
    await story.locator('[data-test="sa-servicenow"] h4').waitFor({ state: 'visible' });
    assert.match(await story.locator('[data-test="sa-servicenow"]').innerText(), /web service access only true/,
      'the account as ServiceNow has it now');
    await page.setViewportSize({ width: 1400, height: 1400 });
    const file = await b.shot('story');
    if (account === 'svc_jira_audit') copyFileSync(file, join(ROOT, 'docs', 'cockpit-story.png'));
  }, ctx);

  await b.step('alice, the owner, opens Cockpit too and finds her accounts only', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await b.login('cockpit', 'alice');
    await page.locator('[data-test="sa-nav"]').click();
    const inventory = page.locator('[data-test="sa-inventory"]');
    await inventory.waitFor({ state: 'visible' });
    await inventory.locator(`[data-test="sa-account"]:text-is("${account}")`).waitFor({ state: 'visible' });
    const owners = await inventory.locator('tbody tr td:nth-child(2)').allInnerTexts();
    assert.ok(owners.length > 0 && owners.every((owner) => owner === 'alice'), `only alice's accounts: ${owners}`);
    await inventory.locator(`[data-test="sa-account"]:text-is("${account}")`).click();
    const approval = page.locator('[data-test="sa-story"] tr:has(td:text-is("Approve service account"))');
    await approval.waitFor({ state: 'visible' });
    assert.equal(await approval.locator('[data-test="sa-by"]').innerText(), 'bob');
    await b.shot('owner-story');
  }, ctx);
});

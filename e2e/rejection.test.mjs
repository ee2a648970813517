// Rejection: alice requests an account, bob rejects it, first without a comment (Tasklist shows the
// refusal as a plain sentence), then with one. The request ends "Request rejected" (no revision: a
// rejection is final), alice gets a mail with the comment, and nothing is created in ServiceNow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, JOURNEY_TIMEOUT_MS, Simulator, accountName, journeyFixtures, outboxMail } from './support.mjs';

const journey = journeyFixtures('rejection');

test('bob rejects alice\'s request with a comment: the request ends "Request rejected", nothing is created',
  { timeout: JOURNEY_TIMEOUT_MS }, async () => {
    const engine = new Engine(journey.app.baseUrl);
    const simulator = new Simulator(journey.app.baseUrl);
    const account = accountName('svc_jira_second');
    const comment = 'Please use the existing Jira integration account instead.';
    const b = journey.browser;
    const ctx = { engine, account };

    await b.step('alice requests an account', async () => {
      await b.requestAccount('alice', {
        accountUserName: account,
        displayName: 'Second Jira sync',
        purpose: 'A second Jira instance would create incidents through the Table API',
      }, { shot: 'start-form-filled' });
    }, ctx);

    await b.step('bob rejects with a comment', async () => {
      const task = await engine.waitForTask(account, 'approveServiceAccount');
      assert.equal(task.assignee, 'bob');
      await b.login('tasklist', 'bob');
      await b.openTask(task);
      assert.equal(await b.taskValue('accountUserName'), account);
      const approve = b.page.locator('.task-details input[type=checkbox][id$="-approved"]');
      assert.equal(await approve.isChecked(), false, 'Approve starts unticked');
      // Without a comment: refused, in plain words, and the task stays open.
      await b.page.locator('.task-details button:has-text("Complete")').click();
      const refusal = b.page.locator('.page-notifications .alert-danger .message').filter({ visible: true }).first();
      await refusal.waitFor({ state: 'visible' });
      assert.equal((await refusal.textContent()).trim(), 'Comment: is required when you reject.',
        'Tasklist shows the refusal as a plain sentence naming the field as the form labels it');
      await b.shot('refusal-in-plain-words');
      await b.page.locator('.page-notifications .alert-danger button.close').filter({ visible: true }).first().click();
      await refusal.waitFor({ state: 'hidden' });
      await b.fill('.task-details', { approvalComment: comment });
      await b.shot('rejection-form');
      await b.completeTask(engine, task);
      await b.shot('rejected');
    }, ctx);

    await b.step('the request ends "Request rejected"', async () => {
      const ended = await engine.waitForEnd(account);
      assert.equal(ended.state, 'COMPLETED', `history state of ${account}`);
      const done = await engine.finishedActivityIds(ended.id);
      assert.ok(done.includes('notifyRequestRejected'), `the requester must be told: ${done.join(', ')}`);
      assert.ok(done.includes('requestRejected'), `the end event requestRejected must be reached: ${done.join(', ')}`);
      for (const never of ['reviseRequest', 'createServiceAccount', 'validateServiceAccount']) {
        assert.ok(!done.includes(never), `${never} must not run after a rejection: ${done.join(', ')}`);
      }
      const open = await engine.get(`/task?processInstanceBusinessKey=${account}`);
      assert.deepEqual(open.map((t) => t.name), [], 'no task (in particular no "Revise request") is left open');
    }, ctx);

    await b.step('alice has no task left in Tasklist', async () => {
      await b.login('tasklist', 'alice');
      await b.page.locator('.task-filter:has-text("All tasks")').first().click();
      await b.page.locator('.tasks-list').first().waitFor({ state: 'visible' });
      const titles = await b.page.locator('.tasks-list li.task h4').allInnerTexts();
      assert.ok(!titles.some((t) => /Revise request/.test(t)), `alice must get no "Revise request" task: ${titles.join(', ')}`);
      await b.shot('alice-tasklist-after-rejection');
    });

    await b.step('alice gets a mail with the comment', async () => {
      const mail = await outboxMail(journey.app.outbox, account, 'request rejected');
      assert.match(mail, /^To: alice@example\.com/m, 'the mail goes to alice');
      assert.ok(mail.includes(comment), `the mail must carry bob's comment:\n${mail.slice(0, 3000)}`);
    });

    await b.step('nothing was created in ServiceNow', async () => {
      assert.equal(await simulator.user(account), null, `the simulator must hold no sys_user ${account}`);
    });
  });

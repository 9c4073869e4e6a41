import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import { browserTestsRunnable, openWebHarness, poll, shot, type WebHarness } from '../support/web-harness.ts';

/**
 * The action forms in a real browser on the demo store: linking, assigning and a version conflict on the
 * signal page; an event's status; a task completed with evidence by the responder; the administrator
 * creating a user who then signs in and editing a detection configuration; the audit viewer filtered by
 * actor with the chain verified. Screenshots go to test/e2e/artifacts/ (git-ignored).
 */
const runnable = browserTestsRunnable('web-forms.test.ts');
const SYS = SYSTEM_ACTOR;

let harness: WebHarness | undefined;
let browser: Browser | undefined;
const userIds = new Map<string, string>();
let first = { id: '', title: '' };
let second = { id: '', title: '' };
let duplicate = { id: '', title: '' };
let original = { id: '', title: '' };
let extra = { id: '', title: '' };
let eventId = '';
const TASK = 'Sample the suspected supplier';

afterAll(async () => {
  await harness?.close();
});

function open(): { harness: WebHarness; browser: Browser } {
  if (harness === undefined || browser === undefined) throw new Error('no harness');
  return { harness, browser };
}

async function pageAs(username: string, path: string): Promise<Page> {
  const h = open();
  const context = await h.harness.newContext();
  const page = await context.newPage();
  await h.harness.signIn(page, username, path);
  return page;
}

describe.skipIf(!runnable)('the action forms in a real browser', () => {
  beforeAll(async () => {
    harness = await openWebHarness();
    browser = harness.browser;
    const s = harness.ctx.services;
    for (const u of (await s.users.list(SYS, 500, 0)).items) userIds.set(u.username, u.id);
    const ana = await s.users.get(SYS, userIds.get('ana') ?? 'missing');
    const open = await s.inbox.list(SYS, { placeId: ana.jurisdictionPlaceId, states: ['new'], limit: 6 });
    const [a, b, c, d, e, f] = open.items;
    if (
      a === undefined ||
      b === undefined ||
      c === undefined ||
      d === undefined ||
      e === undefined ||
      f === undefined
    )
      throw new Error('the demo store has too few signals');
    first = { id: a.id, title: a.title };
    second = { id: b.id, title: b.title };
    duplicate = { id: d.id, title: d.title };
    original = { id: e.id, title: e.title };
    extra = { id: f.id, title: f.title };
    await s.triage.transition(SYS, f.id, { version: f.version, to: 'under-review', reason: 'looking' });
    await s.triage.transition(SYS, f.id, { version: f.version + 1, to: 'verified', reason: 'confirmed' });
    // A verified signal escalated to an event with a task for the health department: set up through the
    // services, so the browser tests start from the step they are about.
    await s.triage.transition(SYS, c.id, { version: c.version, to: 'under-review', reason: 'looking' });
    await s.triage.transition(SYS, c.id, { version: c.version + 1, to: 'verified', reason: 'confirmed' });
    const health = (await s.reference.listDepartments(SYS)).find((d) => d.code === 'health');
    if (health === undefined) throw new Error('no health department');
    const event = await s.escalation.escalate(SYS, {
      signalIds: [c.id],
      title: 'Salmonella cluster for the forms test',
      leadDepartmentId: health.id,
      coordinatorId: userIds.get('cora') ?? 'missing',
    });
    eventId = event.id;
    // Two risk assessment versions and an IHR assessment of the event, to read on its page.
    const risk = {
      hazardAssessment: 'Salmonella Hadar, lab-confirmed.',
      exposureAssessment: 'One district.',
      contextAssessment: 'Good laboratory capacity.',
      confidence: 'moderate' as const,
      recommendedActions: ['Trace the supplier'],
    };
    await s.risk.assess(SYS, 'event', event.id, { ...risk, likelihood: 'unlikely', consequences: 'minor' });
    await s.risk.assess(SYS, 'event', event.id, { ...risk, likelihood: 'likely', consequences: 'major' });
    await s.ihr.assess(SYS, 'event', event.id, {
      category: 'potential-concern',
      answers: {
        seriousImpact: { answer: true, rationale: 'Hospitalisations.' },
        unusual: { answer: true, rationale: 'A rare serotype.' },
        internationalSpread: { answer: false, rationale: 'Local food.' },
        travelTradeRestrictions: { answer: false, rationale: 'None expected.' },
      },
    });
    await s.assignTask.create(SYS, event.id, {
      title: TASK,
      departmentId: health.id,
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
  }, 120_000);

  it('links two signals and shows the link on both; assigns one; says a version conflict in plain words', async () => {
    const page = await pageAs('ana', `/signals/${first.id}`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(first.title);
    await page.locator('input[name=linkSearch]').fill(second.id);
    await page.getByRole('radio', { name: second.title }).check();
    await page.locator('select[name=linkKind]').selectOption('same-event');
    await page.getByRole('button', { name: 'Link signal' }).click();
    await poll(() => page.getByTestId('signal-links').textContent()).toContain(second.title);
    expect(await page.getByTestId('signal-links').textContent()).toContain('Same event');

    await page.locator('select[name=assignee]').selectOption({ label: 'Asa Assessor (Risk assessor)' });
    await page.locator('input[name=assignNote]').fill('She knows the district.');
    await page.getByRole('button', { name: 'Assign signal' }).click();
    await poll(() => page.getByTestId('signal-assignee').textContent()).toBe('Assigned to Asa Assessor.');
    await poll(() => page.getByTestId('signal-history').textContent()).toContain('assigned to Asa Assessor');
    const history = await page.getByTestId('signal-history').textContent();
    await poll(() => page.getByTestId('signal-history').textContent()).toContain(
      `linked to signal ${second.title}`,
    );
    expect(history).toContain('She knows the district.');
    await shot(page, 'forms-01-signal-linked-assigned');

    await page.goto(`${open().harness.baseUrl}/signals/${second.id}`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(second.title);
    await poll(() => page.getByTestId('signal-links').textContent()).toContain(first.title);

    // Someone else comments on the second signal meanwhile: the page's version is stale.
    const now = await open().harness.ctx.services.inbox.get(SYS, second.id);
    await open().harness.ctx.services.triage.comment(SYS, second.id, {
      version: now.signal.version,
      body: 'A colleague was quicker.',
    });
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await poll(() => page.getByTestId('conflict').textContent()).toContain('Someone else changed this');
    await shot(page, 'forms-02-conflict');
    await page.getByRole('button', { name: 'Reload' }).click();
    await poll(() => page.getByTestId('comments').textContent()).toContain('A colleague was quicker.');
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await poll(() => page.getByTestId('signal-assignee').textContent()).toBe('Assigned to Ana Analyst.');
    await page.context().close();
  }, 90_000);

  it('merges a duplicate into another signal; both pages say so', async () => {
    const page = await pageAs('ana', `/signals/${duplicate.id}`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(duplicate.title);
    await page.locator('input[name=linkSearch]').fill(original.id);
    await page.getByRole('radio', { name: original.title }).check();
    await page.getByRole('button', { name: 'Merge this signal into the chosen one' }).click();
    await poll(() => page.getByRole('status').allTextContents()).toContain(
      'Say why they are duplicates before merging.',
    );
    await page.locator('input[name=mergeWhy]').fill('Same cases reported twice.');
    await page.getByRole('button', { name: 'Merge this signal into the chosen one' }).click();
    await poll(() => page.getByTestId('merged-into').textContent()).toContain(original.title);
    expect(await page.getByTestId('signal-state').textContent()).toBe('Merged');
    await page.getByTestId('merged-into').getByRole('link').click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(original.title);
    await poll(() => page.getByTestId('merged-duplicates').textContent()).toContain(duplicate.title);
    await poll(() => page.getByTestId('signal-history').textContent()).toContain(
      'a duplicate was merged into it',
    );
    await shot(page, 'forms-02b-merged');
    await page.context().close();
  }, 60_000);

  it('lists the event’s risk versions with what changed, and explains its IHR result', async () => {
    const page = await pageAs('cora', `/events/${eventId}`);
    const versions = page.getByTestId('event-risk-versions');
    await poll(() => versions.locator('> li').count()).toBe(2);
    expect(await versions.locator('> li').first().textContent()).toContain(
      'changed: Overall risk, Likelihood, Consequences',
    );
    await versions.getByRole('button', { name: 'View version 2' }).click();
    const changed = versions.locator('td.changed');
    expect(await changed.allTextContents()).toEqual(['High', 'Likely', 'Major']);
    const ihr = page.getByTestId('event-ihr-versions');
    await ihr.locator('summary').first().click();
    await poll(() => ihr.getByTestId('ihr-explanation').textContent()).toContain(
      'Notifiable because two or more questions were answered yes: “Is the public health impact of the event serious?”, “Is the event unusual or unexpected?”.',
    );
    await shot(page, 'forms-02c-event-assessments');
    // Re-assessing the event on its page: a third version, and the event's risk follows.
    await page.getByText('Assess the event again (risk and IHR)').click();
    const form = page.getByRole('region', { name: 'Rapid risk assessment' }).last();
    await form.locator('textarea[name=hazardAssessment]').fill('Salmonella Hadar, more cases.');
    await form.locator('textarea[name=exposureAssessment]').fill('Three districts.');
    await form.locator('textarea[name=contextAssessment]').fill('Laboratories stretched.');
    await form.getByRole('button', { name: 'Almost certain × Major: Very high' }).click();
    await form.getByRole('button', { name: 'Save assessment' }).click();
    await poll(() => versions.locator('> li').count()).toBe(3);
    await poll(() => page.locator('dl.facts').first().textContent()).toContain('Very high');
    await page.context().close();
  }, 60_000);

  it('lets the coordinator mark the event contained, with a reason on the timeline', async () => {
    const page = await pageAs('cora', `/events/${eventId}`);
    await poll(() => page.getByTestId('event-status').textContent()).toBe('Active');
    // Another verified signal joins the event, then leaves it again with a reason.
    await page.locator('input[name=eventSignalSearch]').fill(extra.title);
    await page.getByRole('checkbox', { name: extra.title }).check();
    await page.getByRole('button', { name: 'Add the chosen signals (1)' }).click();
    await poll(() => page.getByTestId('event-signals').textContent()).toContain(extra.title);
    await page.locator('input[name=removeSignalWhy]').fill('A different outbreak.');
    await page.getByRole('button', { name: `Remove ${extra.title} from the event` }).click();
    await poll(() => page.getByTestId('event-signals').locator('li').count()).toBe(1);
    expect(await page.getByTestId('event-signals').textContent()).not.toContain(extra.title);
    await poll(() => page.getByTestId('timeline').textContent()).toContain('A different outbreak.');
    await page.locator('input[name=statusWhy]').fill('No new cases for two weeks.');
    await page.getByRole('button', { name: 'Mark contained' }).click();
    await poll(() => page.getByTestId('event-status').textContent()).toBe('Contained');
    await poll(() => page.getByTestId('timeline').textContent()).toContain('No new cases for two weeks.');
    expect(await page.getByRole('button', { name: 'Reactivate' }).count()).toBe(1);
    // The coordinator hands the task to a named responder and gives a day more.
    const task = page.getByTestId('event-tasks').locator('li', { hasText: TASK });
    await task.getByRole('button', { name: 'Details' }).click();
    await task.getByRole('button', { name: 'Reassign or reschedule' }).click();
    await task.locator('select[name=taskAssignee]').selectOption({ label: 'Rudi Responder (Responder)' });
    await task.locator('input[name=taskChangeWhy]').fill('Rudi knows the supplier.');
    await task.getByRole('button', { name: 'Save' }).click();
    await poll(() => task.getByTestId('task-details').textContent()).toContain('Rudi Responder');
    await shot(page, 'forms-03-event-contained');
    await page.context().close();
  }, 60_000);

  it('lets the responder complete a task with evidence from the task board', async () => {
    const page = await pageAs('rudi', '/tasks');
    const card = (state: string) => page.getByTestId(`column-${state}`).locator('article', { hasText: TASK });
    await poll(() => card('open').count()).toBe(1);
    await card('open').getByRole('button', { name: 'Details' }).click();
    await page
      .locator('textarea[name=evidenceBody]')
      .fill('Samples taken at the supplier; lab receipt 4711.');
    await page.locator('input[name=taskWhy]').fill('Sampling done.');
    await page.getByRole('button', { name: 'Complete with this evidence' }).click();
    await poll(() => card('done').count()).toBe(1);
    await poll(() => card('done').getByTestId('task-evidence').textContent()).toContain('lab receipt 4711');
    await shot(page, 'forms-04-task-done-with-evidence');
    await page.getByLabel('Language').selectOption('zh-CN');
    await poll(() => card('done').getByRole('button', { name: '隐藏详情' }).count()).toBe(1);
    expect(await card('done').getByTestId('task-details').textContent()).toContain('证据');
    const details = await open().harness.ctx.services.tasks.get(SYS, (await taskId()) ?? 'missing');
    expect(details.task.state).toBe('done');
    expect(details.task.assigneeId).toBe(userIds.get('rudi'));
    expect(details.evidence.map((e) => [e.kind, e.body])).toEqual([
      ['note', 'Samples taken at the supplier; lab receipt 4711.'],
    ]);
    await page.context().close();
  }, 60_000);

  it('lets the administrator create a user who can then sign in, and edit a detection configuration', async () => {
    const page = await pageAs('admin', '/admin');
    await poll(() => page.getByTestId('admin-users').textContent()).toContain('Ana Analyst');
    await page.getByRole('button', { name: 'New user' }).click();
    await page.locator('input[name=newUsername]').fill('nora');
    const form = page.locator('form', { has: page.locator('input[name=newUsername]') });
    await form.locator('input[name=displayName]').fill('Nora Newcomer');
    await form.locator('select[name=userRole]').selectOption('analyst');
    await form.locator('select[name=userDepartment]').selectOption({ label: 'Health authority' });
    await form.locator('input[name=userJurisdiction]').fill('DE');
    await page.getByRole('button', { name: 'Create user' }).click();
    await poll(() => page.getByTestId('new-password').textContent()).toContain('nora');
    const first = (await page.getByTestId('new-password-value').textContent()) ?? '';
    expect(first).toMatch(/^[A-Za-z0-9]{16}$/);
    await poll(() => page.getByTestId('admin-users').textContent()).toContain('Nora Newcomer');
    // A reset replaces the password and shows the new one once; Nora signs in with that one below.
    await page.getByRole('button', { name: 'Reset password of nora' }).click();
    await poll(() => page.getByTestId('new-password-value').textContent()).not.toBe(first);
    const password = (await page.getByTestId('new-password-value').textContent()) ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    await page.getByRole('button', { name: 'New department' }).click();
    await page.locator('input[name=departmentCode]').fill('port-health');
    await page.locator('input[name=departmentName]').fill('Port health office');
    await page.locator('input[name=departmentNameZh]').fill('港口卫生处');
    await page.locator('select[name=departmentDomain]').selectOption('food');
    await page.getByRole('button', { name: 'Add department' }).click();
    await poll(() => page.getByTestId('admin-departments').textContent()).toContain('Port health office');
    // …and renamed at the version read.
    await page.getByRole('button', { name: 'Edit Port health office' }).click();
    const dept = page.getByRole('form', { name: 'Edit Port health office' });
    await dept.locator('input[name=editDepartmentName]').fill('Port and airport health office');
    await dept.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.getByTestId('admin-departments').textContent()).toContain(
      'Port and airport health office',
    );
    await shot(page, 'forms-05-user-created');
    // Vic the viewer becomes an analyst, then leaves.
    await page.getByRole('button', { name: 'Edit vic' }).click();
    const vic = page.locator('form[aria-label=vic]');
    await vic.locator('select[name=userRole]').selectOption('analyst');
    await vic.getByRole('button', { name: 'Save' }).click();
    const vicRow = page.locator('tr[data-user=vic]');
    await poll(() => vicRow.locator('td').nth(1).textContent()).toBe('Analyst');
    await page.getByRole('button', { name: 'Deactivate vic' }).click();
    await poll(() => vicRow.locator('td').nth(4).textContent()).toBe('No');
    expect((await open().harness.ctx.services.users.get(SYS, userIds.get('vic') ?? 'missing')).active).toBe(
      false,
    );

    const name = 'Weekly EARS C3 (districts)';
    await page.getByRole('button', { name: `Edit ${name}` }).click();
    const edit = page.locator('form', { has: page.locator('input[name=configMonitored]') });
    await edit.locator('input[name=configMonitored]').fill('6');
    await edit.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.getByTestId('config-note').textContent()).toBe(`Configuration “${name}” saved.`);
    const config = (await open().harness.ctx.services.detectionConfigs.list(SYS)).find(
      (c) => c.name === name,
    );
    expect(config?.monitoredEpochs).toBe(6);
    expect(config?.version).toBe(2);
    await shot(page, 'forms-06-config-edited');

    const newcomer = await open().harness.newContext();
    const nora = await newcomer.newPage();
    await nora.goto(`${open().harness.baseUrl}/`);
    await nora.getByLabel('User name').fill('nora');
    await nora.getByLabel('Password').fill(password);
    await nora.getByRole('button', { name: 'Sign in' }).click();
    await poll(() => nora.getByTestId('role').textContent()).toBe('Analyst');
    await newcomer.close();
    await page.context().close();
  }, 90_000);

  it('shows the administrator only the entries of the actor chosen, and the chain verified', async () => {
    const page = await pageAs('admin', '/audit');
    await poll(() => page.getByTestId('audit-chain').textContent()).toMatch(
      /^Hash chain verified: [\d,]+ entries, none altered\.$/,
    );
    await poll(() => page.locator('select[name=auditActor] option', { hasText: 'admin' }).count()).toBe(1);
    await page.locator('select[name=auditActor]').selectOption({ label: 'admin' });
    const rows = page.locator('table tbody tr');
    // Newest first: this sign-in, the configuration edit, Vic deactivated and promoted, the department
    // renamed and created, Nora's password reset and Nora created, the first sign-in.
    await poll(() => rows.count()).toBe(9);
    expect(await rows.locator('td:nth-child(5)').allTextContents()).toEqual([
      'admin',
      'admin',
      'admin',
      'admin',
      'admin',
      'admin',
      'admin',
      'admin',
      'admin',
    ]);
    expect(await rows.locator('td:nth-child(3)').allTextContents()).toEqual([
      'user.login',
      'detection-config.update',
      'user.update',
      'user.update',
      'department.update',
      'department.create',
      'user.update',
      'user.create',
      'user.login',
    ]);
    await shot(page, 'forms-07-audit-by-actor');
    await page.locator('input[name=auditFilter]').fill('detection-config');
    await poll(() => rows.count()).toBe(1);
    const link = rows.locator('td:nth-child(4) a');
    expect(await link.getAttribute('href')).toBe('/admin');
    // Object type and dates are searched by the server over the whole log.
    await page.locator('input[name=auditFilter]').fill('');
    await page.locator('select[name=auditObjectType]').selectOption('department');
    await poll(() => rows.locator('td:nth-child(3)').allTextContents()).toEqual([
      'department.update',
      'department.create',
    ]);
    await page.locator('input[name=auditFrom]').fill('2001-01-01');
    await page.locator('input[name=auditTo]').fill('2001-01-02');
    await poll(() => rows.count()).toBe(0);
    await page.context().close();
  }, 60_000);
});

async function taskId(): Promise<string | undefined> {
  const tasks = await open().harness.ctx.services.tasks.list(SYS, { eventId });
  return tasks.items.find((t) => t.title === TASK)?.id;
}

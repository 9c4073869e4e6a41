import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS, ROLES, type Role } from '../../src/domain/role.ts';
import type { TocsinApp } from '../../src/http/app.ts';
import type { AppContext } from '../../src/main/context.ts';
import {
  type AuthorizationFixture,
  buildAuthorizationFixture,
  type JurisdictionObjects,
  openFixtureCopy,
  PASSWORD,
  type TestUser,
} from '../support/authorization-fixture.ts';

/**
 * The authorisation matrix: every route of the API × every role (and anonymous callers), against an
 * object in the caller's jurisdiction (Germany) and the same kind of object in another one (France).
 *
 * - anonymous → 401, except the public routes;
 * - a role without the permission → 403;
 * - with the permission → success on its own jurisdiction's objects (and no French object in the answer),
 *   and 403 or 404 on France's objects.
 *
 * Every route of the OpenAPI document must be classified in ROUTES below (a new route fails the test until
 * it is). Each caller group works on its own copy of the fixture store, so writes never change what another
 * group sees; within a group, requests read the current versions first, so their order does not matter.
 */

// ---- the expected role → permission matrix (product.md; written out here, not derived from the code) ----

const READ: ReadonlyArray<Permission> = [
  'reference:read',
  'observation:read',
  'signal:read',
  'event:read',
  'deadline:read',
];

const EXPECTED_PERMISSIONS: Readonly<Record<Role, ReadonlyArray<Permission>>> = {
  admin: [...PERMISSIONS],
  coordinator: [
    ...READ,
    'signal:triage',
    'assessment:write',
    'event:escalate',
    'event:manage',
    'task:assign',
    'task:update',
    'detection:run',
    'audit:read',
  ],
  analyst: [...READ, 'signal:triage', 'observation:import', 'detection:run', 'detection:configure'],
  assessor: [...READ, 'signal:triage', 'assessment:write'],
  responder: [...READ, 'task:update'],
  viewer: READ,
};

// ---- the route table ------------------------------------------------------------------------------------

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route needs: nothing, a signed-in caller, one permission, or any of several. */
type Need = 'public' | 'signed-in' | Permission | { readonly anyOf: ReadonlyArray<Permission> };

/**
 * - global: not bound to a jurisdiction (reference data, the caller's own session, import records);
 * - jurisdiction: the object lies in a place; others' objects are refused and never listed;
 * - owner: the object belongs to one user (notifications, API tokens);
 * - root: spans every jurisdiction, so it needs the whole world as jurisdiction (the audit log).
 */
type Scope = 'global' | 'jurisdiction' | 'owner' | 'root';

type Caller = { readonly kind: 'anonymous' } | { readonly kind: 'role'; readonly user: TestUser };

interface Call {
  readonly fx: AuthorizationFixture;
  readonly ctx: AppContext;
  readonly caller: Caller;
  /** The objects to use: the caller's jurisdiction (DE) or the other one (FR). */
  readonly at: JurisdictionObjects;
  readonly other: boolean;
  /** A fresh session cookie of the caller (undefined for anonymous callers). */
  readonly freshSession: () => Promise<string | undefined>;
}

interface Request {
  readonly url: string;
  readonly payload?: unknown;
  readonly contentType?: string;
  /** Overrides the caller's session cookie. */
  readonly cookie?: string;
}

interface RouteCase {
  readonly method: Method;
  /** As in the OpenAPI document. */
  readonly path: string;
  readonly needs: Need;
  readonly scope: Scope;
  readonly request: (call: Call) => Request | Promise<Request>;
  /**
   * A list route: an id of the caller's jurisdiction its answer must contain. Asked for the other
   * jurisdiction (a filter naming its place, event or configuration, or no filter at all), a list without
   * a path parameter may answer 2xx, but never with one of the other jurisdiction's objects.
   */
  readonly lists?: (fx: AuthorizationFixture, me: TestUser) => string;
  /** What an anonymous caller gets when it is not 401 (and why). */
  readonly anonymous?: { readonly status: number; readonly why: string };
}

const SYS = SYSTEM_ACTOR;
const signalVersion = async (c: Call, id: string) => (await c.ctx.services.inbox.get(SYS, id)).signal.version;
const eventVersion = async (c: Call, id: string) => (await c.ctx.services.events.get(SYS, id)).event.version;
const taskVersion = async (c: Call, id: string) => (await c.ctx.services.tasks.get(SYS, id)).task.version;
const configVersion = async (c: Call, id: string) =>
  (await c.ctx.services.detectionConfigs.get(SYS, id)).version;
const hazardVersion = async (c: Call, id: string) =>
  (await c.ctx.services.reference.getHazard(SYS, id)).version;
const userVersion = async (c: Call, id: string) => (await c.ctx.services.users.get(SYS, id)).version;
const latestReport = async (c: Call, eventId: string) =>
  (await c.ctx.services.reports.list(SYS, eventId))[0]?.version ?? 0;

/** The caller's user (an anonymous caller uses the viewer's credentials and objects). */
const me = (c: Call): TestUser => (c.caller.kind === 'role' ? c.caller.user : c.fx.users.viewer);
const mayAssignTasks = (c: Call): boolean =>
  c.caller.kind === 'role' && EXPECTED_PERMISSIONS[c.caller.user.role].includes('task:assign');

const riskBody = {
  hazardAssessment: 'Salmonella enterica, lab-confirmed',
  exposureAssessment: 'a regional cluster',
  contextAssessment: 'good laboratory capacity',
  likelihood: 'likely',
  consequences: 'moderate',
  confidence: 'moderate',
  recommendedActions: ['trace the food source'],
};
const ihrBody = {
  answers: {
    seriousImpact: { answer: true, rationale: 'hospitalisations' },
    unusual: { answer: false, rationale: 'seasonal' },
    internationalSpread: { answer: false, rationale: 'local food' },
    travelTradeRestrictions: { answer: false, rationale: 'none expected' },
  },
};
const configBody = (c: Call, name: string) => ({
  name,
  algorithm: 'earsC',
  control: { method: 'C2' },
  selector: { frequency: 'weekly', placeIds: [c.at.place] },
  schedule: null,
  monitoredEpochs: 4,
  enabled: false,
});
const importCsv = (place: string) =>
  'hazard,place,stratum,source,frequency,date,count\n' +
  ['2025-01-06', '2025-01-13', '2025-01-20']
    .map((d) => `salmonellosis,${place},matrix-import,lab,weekly,${d},3`)
    .join('\n');

const ROUTES: ReadonlyArray<RouteCase> = [
  // health and sign-in
  {
    method: 'GET',
    path: '/api/health',
    needs: 'public',
    scope: 'global',
    request: () => ({ url: '/api/health' }),
  },
  {
    method: 'POST',
    path: '/api/auth/login',
    needs: 'public',
    scope: 'global',
    request: (c) => ({ url: '/api/auth/login', payload: { username: me(c).username, password: PASSWORD } }),
  },
  {
    method: 'POST',
    path: '/api/auth/logout',
    needs: 'signed-in',
    scope: 'global',
    anonymous: { status: 204, why: 'signing out without a session is a no-op that reveals nothing' },
    request: async (c) => ({ url: '/api/auth/logout', cookie: await c.freshSession() }),
  },
  {
    method: 'GET',
    path: '/api/auth/me',
    needs: 'signed-in',
    scope: 'global',
    request: () => ({ url: '/api/auth/me' }),
  },
  {
    method: 'POST',
    path: '/api/auth/tokens',
    needs: 'signed-in',
    scope: 'global',
    request: () => ({ url: '/api/auth/tokens', payload: { name: 'matrix client' } }),
  },
  {
    method: 'GET',
    path: '/api/auth/tokens',
    needs: 'signed-in',
    scope: 'owner',
    lists: (_fx, u) => u.tokenId,
    request: () => ({ url: '/api/auth/tokens' }),
  },
  {
    method: 'DELETE',
    path: '/api/auth/tokens/{id}',
    needs: 'signed-in',
    scope: 'owner',
    request: (c) => ({ url: `/api/auth/tokens/${c.other ? c.at.tokenId : me(c).tokenId}` }),
  },
  // users
  {
    method: 'GET',
    path: '/api/users',
    needs: 'user:admin',
    scope: 'jurisdiction',
    lists: (fx) => fx.de.targetUserId,
    request: () => ({ url: '/api/users?limit=500' }),
  },
  {
    method: 'POST',
    path: '/api/users',
    needs: 'user:admin',
    scope: 'jurisdiction',
    request: (c) => ({
      url: '/api/users',
      payload: {
        username: `new-${c.at.place.toLowerCase()}`,
        displayName: 'New colleague',
        password: 'a-long-password',
        role: 'viewer',
        departmentId: null,
        jurisdictionPlaceId: c.at.place === 'DE' ? 'DE-BY' : 'FR-IDF',
      },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/departments/{id}',
    needs: 'reference:admin',
    scope: 'global',
    // Only the administrator may; the first (and only) allowed call finds the fixture's version 1.
    request: (c) => ({
      url: `/api/departments/${c.fx.healthDepartmentId}`,
      payload: { version: 1, nameZh: '卫生健康部门' },
    }),
  },
  {
    method: 'POST',
    path: '/api/departments',
    needs: 'reference:admin',
    scope: 'global',
    request: (c) => ({
      url: '/api/departments',
      payload: {
        code: `dept-${c.other ? 'fr' : 'de'}-${Date.now()}`,
        name: 'Matrix department',
        domain: 'food',
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/users/directory',
    needs: { anyOf: ['signal:triage', 'task:assign', 'task:update', 'event:manage'] },
    scope: 'jurisdiction',
    lists: (_fx, u) => u.id,
    request: () => ({ url: '/api/users/directory' }),
  },
  {
    method: 'GET',
    path: '/api/users/{id}',
    needs: 'user:admin',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/users/${c.at.targetUserId}` }),
  },
  {
    method: 'PATCH',
    path: '/api/users/{id}',
    needs: 'user:admin',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/users/${c.at.targetUserId}`,
      payload: { version: await userVersion(c, c.at.targetUserId), displayName: 'Renamed colleague' },
    }),
  },
  // audit
  {
    method: 'GET',
    path: '/api/audit',
    needs: 'audit:read',
    scope: 'root',
    request: () => ({ url: '/api/audit' }),
  },
  {
    method: 'GET',
    path: '/api/audit/search',
    needs: 'audit:read',
    scope: 'root',
    request: () => ({ url: '/api/audit/search?objectType=signal' }),
  },
  {
    method: 'GET',
    path: '/api/audit/verify',
    needs: 'audit:read',
    scope: 'global',
    request: () => ({ url: '/api/audit/verify' }),
  },
  // reference data
  {
    method: 'GET',
    path: '/api/hazards',
    needs: 'reference:read',
    scope: 'global',
    request: () => ({ url: '/api/hazards' }),
  },
  {
    method: 'POST',
    path: '/api/hazards',
    needs: 'reference:admin',
    scope: 'global',
    request: () => ({
      url: '/api/hazards',
      payload: { code: 'matrix-hazard', name: 'Matrix', domain: 'human' },
    }),
  },
  {
    method: 'GET',
    path: '/api/hazards/{id}',
    needs: 'reference:read',
    scope: 'global',
    request: (c) => ({ url: `/api/hazards/${c.fx.hazards.influenza}` }),
  },
  {
    method: 'PATCH',
    path: '/api/hazards/{id}',
    needs: 'reference:admin',
    scope: 'global',
    request: async (c) => ({
      url: `/api/hazards/${c.fx.hazards.influenza}`,
      payload: { version: await hazardVersion(c, c.fx.hazards.influenza), synonyms: ['flu', 'grippe'] },
    }),
  },
  {
    method: 'POST',
    path: '/api/hazards/{id}/deactivate',
    needs: 'reference:admin',
    scope: 'global',
    request: async (c) => ({
      url: `/api/hazards/${c.fx.hazards.spare}/deactivate`,
      payload: { version: await hazardVersion(c, c.fx.hazards.spare), reason: 'never used' },
    }),
  },
  {
    method: 'GET',
    path: '/api/places',
    needs: 'reference:read',
    scope: 'global',
    request: () => ({ url: '/api/places?parent=world' }),
  },
  {
    method: 'GET',
    path: '/api/places/lookup',
    needs: 'reference:read',
    scope: 'global',
    request: () => ({ url: '/api/places/lookup?name=Bavaria' }),
  },
  {
    method: 'GET',
    path: '/api/places/{id}',
    needs: 'reference:read',
    scope: 'global',
    request: () => ({ url: '/api/places/FR' }),
  },
  {
    method: 'GET',
    path: '/api/departments',
    needs: 'reference:read',
    scope: 'global',
    request: () => ({ url: '/api/departments' }),
  },
  // observations
  {
    method: 'POST',
    path: '/api/observations/imports',
    needs: 'observation:import',
    scope: 'jurisdiction',
    request: (c) => ({
      url: '/api/observations/imports?fileName=matrix.csv',
      payload: importCsv(c.at.place),
      contentType: 'text/csv',
    }),
  },
  {
    method: 'GET',
    path: '/api/observations/imports',
    needs: 'observation:read',
    scope: 'global',
    request: () => ({ url: '/api/observations/imports' }),
  },
  {
    method: 'GET',
    path: '/api/observations/imports/{id}',
    needs: 'observation:read',
    scope: 'global',
    request: (c) => ({ url: `/api/observations/imports/${c.fx.de.importId}` }),
  },
  {
    method: 'GET',
    path: '/api/series',
    needs: 'observation:read',
    scope: 'jurisdiction',
    lists: (fx) => fx.de.seriesId,
    request: (c) => ({ url: `/api/series?limit=500${c.other ? `&place=${c.at.place}` : ''}` }),
  },
  {
    method: 'GET',
    path: '/api/series/{id}',
    needs: 'observation:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/series/${c.at.seriesId}` }),
  },
  {
    method: 'GET',
    path: '/api/series/{id}/observations',
    needs: 'observation:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/series/${c.at.seriesId}/observations?from=2024-12-01` }),
  },
  {
    method: 'GET',
    path: '/api/series/{id}/revisions',
    needs: 'observation:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/series/${c.at.seriesId}/revisions?from=2024-12-01` }),
  },
  {
    method: 'POST',
    path: '/api/series/{id}/detection',
    needs: 'observation:read',
    scope: 'jurisdiction',
    request: (c) => ({
      url: `/api/series/${c.at.seriesId}/detection`,
      payload: { algorithm: 'earsC', options: { method: 'C3' } },
    }),
  },
  // signals
  {
    method: 'GET',
    path: '/api/signals',
    needs: 'signal:read',
    scope: 'jurisdiction',
    lists: (fx) => fx.de.signals.read,
    request: (c) => ({
      url: `/api/signals?state=new,under-review,monitoring,discarded,verified,merged&limit=200${c.other ? `&place=${c.at.place}` : ''}`,
    }),
  },
  {
    method: 'GET',
    path: '/api/signals/map',
    needs: 'signal:read',
    scope: 'jurisdiction',
    lists: () => '"placeId":"DE"',
    request: (c) => ({
      url: `/api/signals/map?level=country&state=new,under-review,monitoring,discarded,verified,merged${c.other ? `&place=${c.at.place}` : ''}`,
    }),
  },
  {
    method: 'GET',
    path: '/api/signals/{id}',
    needs: 'signal:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/signals/${c.at.signals.read}` }),
  },
  {
    method: 'GET',
    path: '/api/signals/{id}/history',
    needs: 'signal:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/signals/${c.at.signals.read}/history` }),
  },
  {
    method: 'POST',
    path: '/api/signals/{id}/transitions',
    needs: 'signal:triage',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/signals/${c.at.signals.transition}/transitions`,
      payload: {
        version: await signalVersion(c, c.at.signals.transition),
        to: 'under-review',
        reason: 'looks real',
      },
    }),
  },
  {
    method: 'PUT',
    path: '/api/signals/{id}/assignee',
    needs: 'signal:triage',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/signals/${c.at.signals.assign}/assignee`,
      payload: {
        version: await signalVersion(c, c.at.signals.assign),
        assigneeId: c.other ? c.at.coordinatorId : c.fx.users.analyst.id,
      },
    }),
  },
  {
    method: 'PUT',
    path: '/api/signals/{id}/priority',
    needs: 'signal:triage',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/signals/${c.at.signals.assign}/priority`,
      payload: { version: await signalVersion(c, c.at.signals.assign), priority: 'critical' },
    }),
  },
  {
    method: 'POST',
    path: '/api/signals/{id}/comments',
    needs: 'signal:triage',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/signals/${c.at.signals.assign}/comments`,
      payload: { version: await signalVersion(c, c.at.signals.assign), body: 'Called the laboratory.' },
    }),
  },
  {
    method: 'POST',
    path: '/api/signals/{id}/links',
    needs: 'signal:triage',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/signals/${c.at.signals.read}/links`,
      payload: { version: await signalVersion(c, c.at.signals.read), otherSignalId: c.at.signals.discarded },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/signals/{id}/links/{otherId}',
    needs: 'signal:triage',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/signals/${c.at.signals.linkA}/links/${c.at.signals.linkB}?version=${await signalVersion(c, c.at.signals.linkA)}`,
    }),
  },
  {
    method: 'POST',
    path: '/api/signals/{id}/merge',
    needs: 'signal:triage',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/signals/${c.at.signals.mergeDup}/merge`,
      payload: {
        version: await signalVersion(c, c.at.signals.mergeDup),
        targetId: c.at.signals.mergeTarget,
        targetVersion: await signalVersion(c, c.at.signals.mergeTarget),
        reason: 'the same cluster',
      },
    }),
  },
  // detection
  {
    method: 'GET',
    path: '/api/detection/algorithms',
    needs: 'signed-in',
    scope: 'global',
    request: () => ({ url: '/api/detection/algorithms' }),
  },
  {
    method: 'GET',
    path: '/api/detection/configs',
    needs: { anyOf: ['detection:configure', 'detection:run'] },
    scope: 'jurisdiction',
    lists: (fx) => fx.de.configId,
    request: () => ({ url: '/api/detection/configs' }),
  },
  {
    method: 'POST',
    path: '/api/detection/configs',
    needs: 'detection:configure',
    scope: 'jurisdiction',
    request: (c) => ({ url: '/api/detection/configs', payload: configBody(c, `Matrix ${c.at.place}`) }),
  },
  {
    method: 'GET',
    path: '/api/detection/configs/{id}',
    needs: { anyOf: ['detection:configure', 'detection:run'] },
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/detection/configs/${c.at.configId}` }),
  },
  {
    method: 'PUT',
    path: '/api/detection/configs/{id}',
    needs: 'detection:configure',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/detection/configs/${c.at.spareConfigId}`,
      payload: {
        ...configBody(c, `EARS spare ${c.at.place}`),
        version: await configVersion(c, c.at.spareConfigId),
      },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/detection/configs/{id}',
    needs: 'detection:configure',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/detection/configs/${c.at.spareConfigId}?version=${await configVersion(c, c.at.spareConfigId)}`,
    }),
  },
  {
    method: 'POST',
    path: '/api/detection/configs/{id}/runs',
    needs: 'detection:run',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/detection/configs/${c.at.configId}/runs` }),
  },
  {
    method: 'GET',
    path: '/api/detection/runs',
    needs: { anyOf: ['detection:configure', 'detection:run'] },
    scope: 'jurisdiction',
    lists: (fx) => fx.de.runId,
    request: (c) => ({ url: `/api/detection/runs${c.other ? `?configId=${c.at.configId}` : ''}` }),
  },
  {
    method: 'GET',
    path: '/api/detection/runs/{id}',
    needs: { anyOf: ['detection:configure', 'detection:run'] },
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/detection/runs/${c.at.runId}` }),
  },
  // assessments
  {
    method: 'POST',
    path: '/api/signals/{id}/risk-assessments',
    needs: 'assessment:write',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/signals/${c.at.signals.read}/risk-assessments`, payload: riskBody }),
  },
  {
    method: 'GET',
    path: '/api/signals/{id}/risk-assessments',
    needs: 'signal:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/signals/${c.at.signals.read}/risk-assessments` }),
  },
  {
    method: 'POST',
    path: '/api/signals/{id}/ihr-assessments',
    needs: 'assessment:write',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/signals/${c.at.signals.read}/ihr-assessments`, payload: ihrBody }),
  },
  {
    method: 'GET',
    path: '/api/signals/{id}/ihr-assessments',
    needs: 'signal:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/signals/${c.at.signals.read}/ihr-assessments` }),
  },
  {
    method: 'POST',
    path: '/api/events/{id}/risk-assessments',
    needs: 'assessment:write',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/events/${c.at.eventId}/risk-assessments`, payload: riskBody }),
  },
  {
    method: 'GET',
    path: '/api/events/{id}/risk-assessments',
    needs: 'event:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/events/${c.at.eventId}/risk-assessments` }),
  },
  {
    method: 'POST',
    path: '/api/events/{id}/ihr-assessments',
    needs: 'assessment:write',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/events/${c.at.eventId}/ihr-assessments`, payload: ihrBody }),
  },
  {
    method: 'GET',
    path: '/api/events/{id}/ihr-assessments',
    needs: 'event:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/events/${c.at.eventId}/ihr-assessments` }),
  },
  {
    method: 'GET',
    path: '/api/risk-assessments/{id}',
    needs: 'signal:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/risk-assessments/${c.at.riskAssessmentId}` }),
  },
  {
    method: 'GET',
    path: '/api/risk-matrix',
    needs: 'signed-in',
    scope: 'global',
    request: () => ({ url: '/api/risk-matrix' }),
  },
  {
    method: 'GET',
    path: '/api/ihr-instrument',
    needs: 'signed-in',
    scope: 'global',
    request: () => ({ url: '/api/ihr-instrument' }),
  },
  // events
  {
    method: 'POST',
    path: '/api/events',
    needs: 'event:escalate',
    scope: 'jurisdiction',
    request: (c) => ({
      url: '/api/events',
      payload: {
        signalIds: [c.at.signals.escalate],
        title: 'Escalated by the matrix',
        leadDepartmentId: c.fx.healthDepartmentId,
        coordinatorId: c.at.coordinatorId,
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/events',
    needs: 'event:read',
    scope: 'jurisdiction',
    lists: (fx) => fx.de.eventId,
    request: () => ({ url: '/api/events?limit=500' }),
  },
  {
    method: 'GET',
    path: '/api/events/{id}',
    needs: 'event:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/events/${c.at.eventId}` }),
  },
  {
    method: 'PATCH',
    path: '/api/events/{id}',
    needs: 'event:manage',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/events/${c.at.eventId}`,
      payload: { version: await eventVersion(c, c.at.eventId), title: 'Renamed by the matrix' },
    }),
  },
  {
    method: 'POST',
    path: '/api/events/{id}/status',
    needs: 'event:manage',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/events/${c.at.eventId}/status`,
      payload: { version: await eventVersion(c, c.at.eventId), status: 'contained', reason: 'no new cases' },
    }),
  },
  {
    method: 'POST',
    path: '/api/events/{id}/signals',
    needs: 'event:manage',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/events/${c.at.eventId}/signals`,
      payload: { version: await eventVersion(c, c.at.eventId), signalIds: [c.at.signals.add] },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/events/{id}/signals/{signalId}',
    needs: 'event:manage',
    scope: 'jurisdiction',
    request: async (c) => {
      // The event keeps at least one signal: link a second one first (a no-op when it is linked already).
      await c.ctx.services.events.linkSignals(SYS, c.at.eventId, await eventVersion(c, c.at.eventId), [
        c.at.signals.add,
      ]);
      return {
        url: `/api/events/${c.at.eventId}/signals/${c.at.signals.add}?version=${await eventVersion(c, c.at.eventId)}&reason=matrix`,
      };
    },
  },
  {
    method: 'GET',
    path: '/api/events/{id}/timeline',
    needs: 'event:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/events/${c.at.eventId}/timeline` }),
  },
  {
    method: 'GET',
    path: '/api/events/{id}/situation-reports',
    needs: 'event:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/events/${c.at.eventId}/situation-reports` }),
  },
  {
    method: 'POST',
    path: '/api/events/{id}/situation-reports',
    needs: 'event:manage',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/events/${c.at.eventId}/situation-reports`,
      payload: { body: 'Situation: contained.', basedOnVersion: await latestReport(c, c.at.eventId) },
    }),
  },
  {
    method: 'GET',
    path: '/api/events/{id}/situation-reports/{version}',
    needs: 'event:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/events/${c.at.eventId}/situation-reports/1` }),
  },
  {
    method: 'POST',
    path: '/api/events/{id}/situation-reports/{version}/publish',
    needs: 'event:manage',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/events/${c.at.eventId}/situation-reports/${await latestReport(c, c.at.eventId)}/publish`,
    }),
  },
  // tasks
  {
    method: 'POST',
    path: '/api/events/{id}/tasks',
    needs: 'task:assign',
    scope: 'jurisdiction',
    request: (c) => ({
      url: `/api/events/${c.at.eventId}/tasks`,
      payload: {
        title: 'Inspect the supplier',
        departmentId: c.fx.healthDepartmentId,
        dueAt: '2026-12-20T12:00:00Z',
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/events/{id}/tasks',
    needs: 'event:read',
    scope: 'jurisdiction',
    lists: (fx) => fx.de.taskId,
    request: (c) => ({ url: `/api/events/${c.at.eventId}/tasks?limit=500` }),
  },
  {
    method: 'GET',
    path: '/api/tasks',
    needs: 'event:read',
    scope: 'jurisdiction',
    lists: (fx) => fx.de.taskId,
    request: (c) => ({ url: `/api/tasks?limit=500${c.other ? `&event=${c.at.eventId}` : ''}` }),
  },
  {
    method: 'GET',
    path: '/api/tasks/{id}',
    needs: 'event:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/tasks/${c.at.taskId}` }),
  },
  {
    method: 'PATCH',
    path: '/api/tasks/{id}',
    needs: 'task:update',
    scope: 'jurisdiction',
    // Responders may only (re)assign a task within their department; the rest needs task:assign.
    request: async (c) => ({
      url: `/api/tasks/${c.at.taskId}`,
      payload: mayAssignTasks(c)
        ? { version: await taskVersion(c, c.at.taskId), title: 'Inspect the supplier today' }
        : { version: await taskVersion(c, c.at.taskId), assigneeId: me(c).id },
    }),
  },
  {
    method: 'POST',
    path: '/api/tasks/{id}/state',
    needs: 'task:update',
    scope: 'jurisdiction',
    request: async (c) => ({
      url: `/api/tasks/${c.at.taskId}/state`,
      payload: { version: await taskVersion(c, c.at.taskId), state: 'in-progress' },
    }),
  },
  {
    method: 'POST',
    path: '/api/tasks/{id}/evidence',
    needs: 'task:update',
    scope: 'jurisdiction',
    request: (c) => ({
      url: `/api/tasks/${c.at.taskId}/evidence`,
      payload: { kind: 'note', body: 'Samples sent.' },
    }),
  },
  // deadlines
  {
    method: 'GET',
    path: '/api/deadlines',
    needs: 'deadline:read',
    scope: 'jurisdiction',
    lists: (fx) => fx.de.deadlineId,
    request: (c) => ({ url: `/api/deadlines?limit=500${c.other ? `&event=${c.at.eventId}` : ''}` }),
  },
  {
    method: 'POST',
    path: '/api/deadlines/{id}/met',
    needs: 'event:manage',
    scope: 'jurisdiction',
    request: (c) => ({
      url: `/api/deadlines/${c.at.deadlineId}/met`,
      payload: { reference: 'WHO notified via EIS, message 42' },
    }),
  },
  {
    method: 'GET',
    path: '/api/legal-rules',
    needs: 'deadline:read',
    scope: 'global',
    request: () => ({ url: '/api/legal-rules' }),
  },
  // notifications
  {
    method: 'GET',
    path: '/api/notifications',
    needs: 'signed-in',
    scope: 'owner',
    lists: (_fx, u) => u.notificationId,
    request: () => ({ url: '/api/notifications?limit=500' }),
  },
  {
    method: 'POST',
    path: '/api/notifications/{id}/read',
    needs: 'signed-in',
    scope: 'owner',
    request: (c) => ({
      url: `/api/notifications/${c.other ? c.at.notificationId : me(c).notificationId}/read`,
    }),
  },
  {
    method: 'POST',
    path: '/api/notifications/read-all',
    needs: 'signed-in',
    scope: 'global',
    request: () => ({ url: '/api/notifications/read-all' }),
  },
  {
    method: 'GET',
    path: '/api/reports',
    needs: 'signal:read',
    scope: 'jurisdiction',
    lists: (fx) => fx.de.reportId,
    request: (c) => ({ url: `/api/reports${c.other ? `?country=${c.at.place}` : ''}` }),
  },
  {
    method: 'GET',
    path: '/api/reports/{id}',
    needs: 'signal:read',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/reports/${c.at.reportId}` }),
  },
  {
    method: 'GET',
    path: '/api/reports/feedback.jsonl',
    needs: 'signal:triage',
    scope: 'jurisdiction',
    lists: (fx) => fx.de.reportId,
    request: async (c) => {
      // Judgements on both countries' reports: the export shows only the caller's jurisdiction's.
      await c.ctx.services.reportFeedback.judge(SYS, c.fx.de.reportId, { relevant: true });
      await c.ctx.services.reportFeedback.judge(SYS, c.fx.fr.reportId, { relevant: false });
      return { url: '/api/reports/feedback.jsonl' };
    },
  },
  {
    method: 'GET',
    path: '/api/reports/{id}/feedback',
    needs: 'signal:triage',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/reports/${c.at.reportId}/feedback` }),
  },
  {
    method: 'POST',
    path: '/api/reports/{id}/feedback',
    needs: 'signal:triage',
    scope: 'jurisdiction',
    request: (c) => ({ url: `/api/reports/${c.at.reportId}/feedback`, payload: { relevant: false } }),
  },
  {
    method: 'POST',
    path: '/api/sources/{id}/reports',
    needs: 'observation:import',
    // Reports open signals about any country: only importers of the whole world.
    scope: 'root',
    request: (c) => ({
      url: `/api/sources/${c.fx.sourceId}/reports`,
      payload: {
        items: [{ id: 'matrix-new', title: 'Salmonellosis in Germany', text: 'Germany: 3 cases.' }],
      },
    }),
  },
  {
    method: 'POST',
    path: '/api/sources/{id}/pull',
    needs: 'observation:import',
    scope: 'root',
    request: (c) => ({ url: `/api/sources/${c.fx.sourceId}/pull` }),
  },
  {
    method: 'GET',
    path: '/api/sources',
    needs: 'reference:read',
    scope: 'global',
    request: () => ({ url: '/api/sources' }),
  },
  {
    method: 'GET',
    path: '/api/sources/{id}',
    needs: 'reference:read',
    scope: 'global',
    request: (c) => ({ url: `/api/sources/${c.fx.sourceId}` }),
  },
  {
    method: 'POST',
    path: '/api/sources',
    needs: 'reference:admin',
    scope: 'global',
    request: () => ({
      url: '/api/sources',
      payload: { name: 'Matrix feed', url: 'https://feeds.example/x.xml' },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/sources/{id}',
    needs: 'reference:admin',
    scope: 'global',
    request: async (c) => ({
      url: `/api/sources/${c.fx.sourceId}`,
      payload: { version: (await c.ctx.services.sources.get(SYS, c.fx.sourceId)).version, pullMinutes: 120 },
    }),
  },
];

// ---- running the matrix ---------------------------------------------------------------------------------

function allowed(need: Need, role: Role): boolean {
  if (need === 'public' || need === 'signed-in') return true;
  const held = EXPECTED_PERMISSIONS[role];
  return typeof need === 'string' ? held.includes(need) : need.anyOf.some((p) => held.includes(p));
}

const routeName = (r: RouteCase): string => `${r.method} ${r.path}`;

/** Every id of the other jurisdiction's objects, and its place path: none may appear in an own answer. */
function foreignMarkers(fx: AuthorizationFixture): ReadonlyArray<string> {
  const { place: _place, placePath, signals, ...ids } = fx.fr;
  return [placePath, ...Object.values(signals), ...Object.values(ids)];
}

let dir: string;
let fx: AuthorizationFixture;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tocsin-authz-'));
  fx = await buildAuthorizationFixture(dir);
}, 60_000);

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** A caller group: its own copy of the store, the app on it, and the caller's session. */
function callerGroup(name: string, role: Role | null) {
  const group: {
    ctx?: AppContext;
    app?: TocsinApp;
    cookie?: string;
    caller?: Caller;
  } = {};
  const login = async (username: string): Promise<string> => {
    const r = await group.app?.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: PASSWORD },
    });
    const set = r?.headers['set-cookie'];
    const cookie = (Array.isArray(set) ? set[0] : set)?.split(';')[0];
    if (r?.statusCode !== 200 || cookie === undefined) throw new Error(`cannot sign in as ${username}`);
    return cookie;
  };
  beforeAll(async () => {
    const opened = await openFixtureCopy(fx, dir, name);
    group.ctx = opened.ctx;
    group.app = opened.app;
    if (role === null) group.caller = { kind: 'anonymous' };
    else {
      const user = fx.users[role];
      group.caller = { kind: 'role', user };
      group.cookie = await login(user.username);
    }
  }, 30_000);
  afterAll(async () => {
    await group.app?.close();
    await group.ctx?.close();
  });

  const send = async (route: RouteCase, other: boolean) => {
    const { app, ctx, caller } = group;
    if (app === undefined || ctx === undefined || caller === undefined) throw new Error('group not open');
    const call: Call = {
      fx,
      ctx,
      caller,
      at: other ? fx.fr : fx.de,
      other,
      freshSession: async () => (caller.kind === 'role' ? login(caller.user.username) : undefined),
    };
    const req = await route.request(call);
    const cookie = 'cookie' in req ? req.cookie : group.cookie;
    const headers: Record<string, string> = {};
    if (cookie !== undefined) headers.cookie = cookie;
    let payload: string | undefined;
    if (typeof req.payload === 'string') payload = req.payload;
    else if (req.payload !== undefined) payload = JSON.stringify(req.payload);
    if (payload !== undefined) headers['content-type'] = req.contentType ?? 'application/json';
    const r = await app.inject({ method: route.method, url: req.url, headers, payload });
    return { status: r.statusCode, body: r.body };
  };
  return { send, group };
}

const describeLine = (status: number, body: string): string => `${status} ${body.slice(0, 300)}`;

describe.each([...ROLES.map((r) => [r, r] as const), ['anonymous', null] as const])(
  'the API as %s',
  (name, role) => {
    const { send } = callerGroup(name, role);

    it.each(ROUTES.map((r) => [routeName(r), r] as const))('%s', async (_name, route) => {
      const own = await send(route, false);
      const scoped = route.scope === 'jurisdiction' || route.scope === 'owner';
      if (role === null) {
        const expected = route.needs === 'public' ? 'success' : (route.anonymous?.status ?? 401);
        if (expected === 'success') expect(own.status, describeLine(own.status, own.body)).toBeLessThan(300);
        else expect(describeLine(own.status, own.body)).toMatch(new RegExp(`^${expected} `));
        if (scoped) {
          const other = await send(route, true);
          expect(describeLine(other.status, other.body)).toMatch(
            new RegExp(`^${route.anonymous?.status ?? 401} `),
          );
        }
        return;
      }
      if (!allowed(route.needs, role)) {
        expect(describeLine(own.status, own.body)).toMatch(/^403 /);
        if (scoped) {
          const other = await send(route, true);
          expect(describeLine(other.status, other.body)).toMatch(/^403 /);
        }
        return;
      }
      if (route.scope === 'root') {
        // The caller's jurisdiction is Germany, not the whole world.
        expect(describeLine(own.status, own.body)).toMatch(/^403 /);
        return;
      }
      expect(describeLine(own.status, own.body)).toMatch(/^2\d\d /);
      if (route.lists !== undefined) expect(own.body).toContain(route.lists(fx, fx.users[role]));
      if (!scoped) return;
      for (const marker of foreignMarkers(fx)) expect(own.body).not.toContain(marker);
      const other = await send(route, true);
      if (route.lists !== undefined && !route.path.includes('{') && other.status < 300) {
        for (const marker of foreignMarkers(fx)) expect(other.body).not.toContain(marker);
      } else expect(describeLine(other.status, other.body)).toMatch(/^40[34] /);
    });
  },
);

describe('the route table', () => {
  const { group } = callerGroup('openapi', null);

  it('classifies every route of the OpenAPI document, and only those', async () => {
    const r = await group.app?.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r?.statusCode).toBe(200);
    const doc = r?.json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const classified = ROUTES.map(routeName);
    expect(
      documented.filter((d) => !classified.includes(d)),
      'routes missing from ROUTES',
    ).toEqual([]);
    expect(
      classified.filter((c) => !documented.includes(c)),
      'ROUTES not in the API',
    ).toEqual([]);
    expect(new Set(classified).size).toBe(classified.length);
  });

  it('marks as public exactly the routes the OpenAPI document says need no credentials', async () => {
    const r = await group.app?.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = r?.json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const open = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => Array.isArray(op.security) && op.security.length === 0)
        .map(([m]) => `${m.toUpperCase()} ${path}`),
    );
    expect(open.sort()).toEqual(['GET /api/health', 'POST /api/auth/login']);
    expect(
      ROUTES.filter((x) => x.needs === 'public')
        .map(routeName)
        .sort(),
    ).toEqual(open.sort());
  });

  it('serves the OpenAPI document and the browsable docs without credentials', async () => {
    const spec = await group.app?.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec?.statusCode).toBe(200);
    const docs = await group.app?.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs?.statusCode).toBe(200);
    expect(docs?.body).toContain('swagger');
  });

  it('expects of each role exactly the permissions the role matrix gives it', () => {
    for (const role of ROLES)
      expect([...ROLE_PERMISSIONS[role]].sort(), role).toEqual([...EXPECTED_PERMISSIONS[role]].sort());
  });
});

describe('the audit log', () => {
  const admin = callerGroup('world-admin', null);

  it('is paged through only by a caller whose jurisdiction is the whole world, and then shows every country', async () => {
    const app = admin.group.app;
    const login = await app?.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: fx.rootAdmin.username, password: PASSWORD },
    });
    const set = login?.headers['set-cookie'];
    const cookie = (Array.isArray(set) ? set[0] : set)?.split(';')[0] ?? '';
    const r = await app?.inject({ method: 'GET', url: '/api/audit?limit=1000', headers: { cookie } });
    expect(r?.statusCode).toBe(200);
    expect(r?.body).toContain(fx.fr.eventId);
    expect(r?.body).toContain(fx.de.eventId);
  });
});

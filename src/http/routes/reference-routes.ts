import { z } from 'zod';
import { DEPARTMENT_DOMAINS } from '../../domain/department.ts';
import { HAZARD_DOMAINS, IHR_CATEGORIES, NATIONAL_CLASSES } from '../../domain/hazard.ts';
import { MAX_PAGE_SIZE } from '../../domain/page.ts';
import { PLACE_LEVELS } from '../../domain/place.ts';
import type { ReferenceDataService } from '../../services/reference-data.ts';
import { actorOf, type TocsinApp } from '../app.ts';

const Hazard = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  domain: z.enum(HAZARD_DOMAINS),
  icd10: z.string().nullable(),
  icd11: z.string().nullable(),
  pathogen: z.string().nullable(),
  synonyms: z.array(z.string()),
  ihrCategory: z.enum(IHR_CATEGORIES).nullable(),
  nationalClass: z.enum(NATIONAL_CLASSES).nullable(),
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});

const HazardFields = {
  name: z.string().min(1).max(300),
  domain: z.enum(HAZARD_DOMAINS),
  icd10: z.string().max(20).nullable().optional(),
  icd11: z.string().max(30).nullable().optional(),
  pathogen: z.string().max(300).nullable().optional(),
  synonyms: z.array(z.string().max(300)).max(100).optional(),
  ihrCategory: z.enum(IHR_CATEGORIES).nullable().optional(),
  nationalClass: z.enum(NATIONAL_CLASSES).nullable().optional(),
};

const Place = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameLocal: z.string().nullable(),
  level: z.enum(PLACE_LEVELS),
  parentId: z.string().nullable(),
  path: z.string(),
  iso2: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});

const Department = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameZh: z.string().nullable(),
  domain: z.enum(DEPARTMENT_DOMAINS),
  createdAt: z.string(),
  version: z.number().int(),
});

const paging = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};
const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
const IdParams = z.object({ id: z.string().min(1) });

/**
 * Reference data: the hazard catalogue (read: reference:read; create, update, deactivate:
 * reference:admin), the place hierarchy with lookups by code or alias, and the departments.
 */
export function referenceRoutes(deps: { readonly reference: ReferenceDataService }) {
  const { reference } = deps;
  return (app: TocsinApp): void => {
    app.get(
      '/api/hazards',
      {
        schema: {
          tags: ['reference'],
          summary: 'Hazards, filtered by domain, IHR category and a text query, paged',
          querystring: z.object({
            domain: z.enum(HAZARD_DOMAINS).optional(),
            ihrCategory: z.enum(IHR_CATEGORIES).optional(),
            q: z.string().max(200).optional(),
            includeInactive: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
            ...paging,
          }),
          response: { 200: pageOf(Hazard) },
        },
      },
      async (request) => {
        const q = request.query;
        const page = await reference.listHazards(actorOf(request), {
          domain: q.domain,
          ihrCategory: q.ihrCategory,
          query: q.q,
          includeInactive: q.includeInactive,
          limit: q.limit,
          offset: q.offset,
        });
        return {
          items: [...page.items].map((h) => ({ ...h, synonyms: [...h.synonyms] })),
          total: page.total,
          limit: q.limit,
          offset: q.offset,
        };
      },
    );
    app.get(
      '/api/hazards/:id',
      { schema: { tags: ['reference'], summary: 'One hazard', params: IdParams, response: { 200: Hazard } } },
      async (request) => {
        const h = await reference.getHazard(actorOf(request), request.params.id);
        return { ...h, synonyms: [...h.synonyms] };
      },
    );
    app.post(
      '/api/hazards',
      {
        schema: {
          tags: ['reference'],
          summary: 'Add a hazard to the catalogue (admins)',
          body: z.object({
            code: z.string().min(1).max(63),
            ...HazardFields,
            reason: z.string().max(2000).optional(),
          }),
          response: { 201: Hazard },
        },
      },
      async (request, reply) => {
        const { reason, ...input } = request.body;
        const h = await reference.createHazard(actorOf(request), input, reason);
        return reply.status(201).send({ ...h, synonyms: [...h.synonyms] });
      },
    );
    app.patch(
      '/api/hazards/:id',
      {
        schema: {
          tags: ['reference'],
          summary: 'Change a hazard (admins); `version` is the one you read, a newer one is a conflict',
          params: IdParams,
          body: z.object({
            version: z.number().int().min(1),
            reason: z.string().max(2000).optional(),
            name: HazardFields.name.optional(),
            domain: HazardFields.domain.optional(),
            icd10: HazardFields.icd10,
            icd11: HazardFields.icd11,
            pathogen: HazardFields.pathogen,
            synonyms: HazardFields.synonyms,
            ihrCategory: HazardFields.ihrCategory,
            nationalClass: HazardFields.nationalClass,
            active: z.boolean().optional(),
          }),
          response: { 200: Hazard },
        },
      },
      async (request) => {
        const { version, reason, ...changes } = request.body;
        const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
        const h = await reference.updateHazard(actorOf(request), request.params.id, version, defined, reason);
        return { ...h, synonyms: [...h.synonyms] };
      },
    );
    app.post(
      '/api/hazards/:id/deactivate',
      {
        schema: {
          tags: ['reference'],
          summary: 'Take a hazard out of use (admins); it stays for history',
          params: IdParams,
          body: z.object({ version: z.number().int().min(1), reason: z.string().min(1).max(2000) }),
          response: { 200: Hazard },
        },
      },
      async (request) => {
        const h = await reference.deactivateHazard(
          actorOf(request),
          request.params.id,
          request.body.version,
          request.body.reason,
        );
        return { ...h, synonyms: [...h.synonyms] };
      },
    );
    app.get(
      '/api/places',
      {
        schema: {
          tags: ['reference'],
          summary:
            'Places, filtered by parent, level, subtree and a name query (any language or alias), paged',
          querystring: z.object({
            parent: z.string().optional(),
            level: z.enum(PLACE_LEVELS).optional(),
            within: z.string().optional(),
            q: z.string().max(200).optional(),
            ...paging,
          }),
          response: { 200: pageOf(Place) },
        },
      },
      async (request) => {
        const q = request.query;
        const actor = actorOf(request);
        const withinPath =
          q.within === undefined ? undefined : (await reference.getPlace(actor, q.within)).path;
        const page = await reference.listPlaces(actor, {
          parentId: q.parent,
          level: q.level,
          withinPath,
          query: q.q,
          limit: q.limit,
          offset: q.offset,
        });
        return { items: [...page.items], total: page.total, limit: q.limit, offset: q.offset };
      },
    );
    app.get(
      '/api/places/lookup',
      {
        schema: {
          tags: ['reference'],
          summary: 'The places a code or alias names (e.g. "Baden.Wuerttemberg", "110000", "8336")',
          querystring: z.object({ name: z.string().min(1).max(200), within: z.string().optional() }),
          response: { 200: z.object({ items: z.array(Place) }) },
        },
      },
      async (request) => ({
        items: [
          ...(await reference.lookupPlaces(actorOf(request), request.query.name, request.query.within)),
        ],
      }),
    );
    app.get(
      '/api/places/:id',
      {
        schema: {
          tags: ['reference'],
          summary: 'One place with its aliases',
          params: IdParams,
          response: { 200: Place.extend({ aliases: z.array(z.string()) }) },
        },
      },
      async (request) => {
        const p = await reference.getPlace(actorOf(request), request.params.id);
        return { ...p, aliases: [...p.aliases] };
      },
    );
    app.get(
      '/api/departments',
      {
        schema: {
          tags: ['reference'],
          summary: 'The departments that share the work',
          response: { 200: z.object({ items: z.array(Department) }) },
        },
      },
      async (request) => ({ items: [...(await reference.listDepartments(actorOf(request)))] }),
    );
    app.post(
      '/api/departments',
      {
        schema: {
          tags: ['reference'],
          summary: 'Add a department (admins)',
          body: z.object({
            code: z.string().min(1).max(63),
            name: z.string().min(1).max(200),
            nameZh: z.string().max(200).nullable().default(null),
            domain: z.enum(DEPARTMENT_DOMAINS),
            reason: z.string().max(2000).optional(),
          }),
          response: { 201: Department },
        },
      },
      async (request, reply) => {
        const { reason, ...input } = request.body;
        return reply.status(201).send(await reference.createDepartment(actorOf(request), input, reason));
      },
    );
    app.patch(
      '/api/departments/:id',
      {
        schema: {
          tags: ['reference'],
          summary: 'Rename a department, or change its Chinese name or domain, at the version read (admins)',
          params: z.object({ id: z.string() }),
          body: z.object({
            version: z.number().int().min(1),
            name: z.string().min(1).max(200).optional(),
            nameZh: z.string().max(200).nullable().optional(),
            domain: z.enum(DEPARTMENT_DOMAINS).optional(),
            reason: z.string().max(2000).optional(),
          }),
          response: { 200: Department },
        },
      },
      async (request) => {
        const { version, reason, ...changes } = request.body;
        return reference.updateDepartment(actorOf(request), request.params.id, version, changes, reason);
      },
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '#platform/db/db.ts';
import { AppError, notFound } from '#platform/errors.ts';
import { idParam } from '#platform/http/schemas.ts';
import type { Actor } from '#platform/auth/actor.ts';
import { TARGETS } from './targets.ts';
import { DEBT_SIGNS } from './loaders/loader.ts';

const ProfileDto = z
  .object({
    id: z.number(),
    name: z.string(),
    target: z.enum(TARGETS),
    mapping: z.record(z.string(), z.string()),
    options: z.record(z.string(), z.unknown()),
    createdBy: z.number().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'ImportProfile' });
type Profile = z.infer<typeof ProfileDto>;
const ProfileBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  target: z.enum(TARGETS),
  mapping: z.record(z.string().max(200), z.string().max(100)),
  options: z
    .strictObject({
      sourceSystem: z.string().trim().regex(/^[\w.-]{1,50}$/).optional(),
      policy: z.enum(['reject_file', 'load_valid']).optional(),
      debtSign: z
        .enum(DEBT_SIGNS)
        .optional()
        .describe("Holdings: how the file writes what a customer owes on loans, mortgages and cards ('negative': -1234.50 is 1234.50 owed), as in an import's options"),
    })
    .default({}),
});
type ProfileInput = z.infer<typeof ProfileBody>;

const COLUMNS = `id, name, target, mapping, options, created_by as "createdBy", created_at as "createdAt", updated_at as "updatedAt"`;
const taken = () => new AppError('CONFLICT', 'IMPORT_PROFILE_NAME_TAKEN', 'field.taken', { fields: [{ field: 'body.name', message: 'field.taken' }] });

/** Saved column mappings shared by everyone who imports: the monthly core-banking file is mapped once. */
export class ImportProfilesService {
  constructor(private readonly db: Db) {}

  list = () => this.db.query<Profile>(`select ${COLUMNS} from import_profiles order by target, name`);

  async create(actor: Actor, v: ProfileInput): Promise<Profile> {
    const rows = await this.db.query<Profile>(
      `insert into import_profiles (name, target, mapping, options, created_by) values ($1, $2, $3, $4, $5)
       on conflict (name) do nothing returning ${COLUMNS}`,
      [v.name, v.target, JSON.stringify(v.mapping), JSON.stringify(v.options), actor.userId],
    );
    if (!rows[0]) throw taken();
    return rows[0];
  }

  async update(id: number, v: ProfileInput): Promise<Profile> {
    const clash = await this.db.query(`select 1 from import_profiles where name = $1 and id <> $2`, [v.name, id]);
    if (clash.length) throw taken();
    const rows = await this.db.query<Profile>(
      `update import_profiles set name = $2, target = $3, mapping = $4, options = $5, updated_at = now() where id = $1 returning ${COLUMNS}`,
      [id, v.name, v.target, JSON.stringify(v.mapping), JSON.stringify(v.options)],
    );
    if (!rows[0]) throw notFound('IMPORT_PROFILE_NOT_FOUND', 'import.profile.not_found');
    return rows[0];
  }

  async remove(id: number): Promise<void> {
    const rows = await this.db.query(`delete from import_profiles where id = $1 returning id`, [id]);
    if (!rows.length) throw notFound('IMPORT_PROFILE_NOT_FOUND', 'import.profile.not_found');
  }
}

export const importProfilesRoutes: FastifyPluginAsyncZod = async (app) => {
  const profiles = app.services.importProfiles;
  const tags = ['imports'];
  const IdParams = z.strictObject({ id: idParam });
  app.get('/import-profiles', { config: { permission: 'data:import' }, schema: { tags, summary: 'Saved column mappings', response: { 200: z.array(ProfileDto) } } }, () => profiles.list());
  app.post('/import-profiles', { config: { permission: 'data:import' }, schema: { tags, body: ProfileBody, response: { 201: ProfileDto } } }, async (request, reply) =>
    reply.code(201).send(await profiles.create(request.actor, request.body)),
  );
  app.put('/import-profiles/:id', { config: { permission: 'data:import' }, schema: { tags, params: IdParams, body: ProfileBody, response: { 200: ProfileDto } } }, (request) =>
    profiles.update(request.params.id, request.body),
  );
  app.delete('/import-profiles/:id', { config: { permission: 'data:import' }, schema: { tags, params: IdParams, response: { 204: z.null() } } }, async (request, reply) => {
    await profiles.remove(request.params.id);
    return reply.code(204).send(null);
  });
};

import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalidField } from '#platform/errors.ts';

const BackupDto = z
  .object({
    name: z.string(),
    bytes: z.number(),
    createdAt: z.date(),
    createdBy: z.string().nullable().describe("A user's name, 'schedule', or null for a file copied into the folder by hand"),
    rows: z.number().nullable(),
    tables: z.number().nullable(),
    fileSha256: z.string().nullable(),
    engine: z.string().nullable(),
  })
  .meta({ id: 'Backup' });
const NameParams = z.strictObject({ name: z.string().regex(/^[\w.-]{1,200}\.gz$/) });
const ReportDto = z.object({
  ok: z.boolean(),
  problem: z.string().nullable().describe("'truncated', 'checksum_mismatch' or 'not_a_backup' when not ok"),
  sameFile: z.boolean().nullable().describe('Whether the file still hashes as when it was written (null: no record)'),
  createdAt: z.string().nullable(),
  engine: z.string().nullable(),
  migrations: z.array(z.string()),
  tables: z.array(z.object({ table: z.string(), rows: z.number(), sha256: z.string(), ok: z.boolean() })),
  fileSha256: z.string(),
});

export const backupsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { backups } = app.services;
  const tags = ['backups'];
  const config = { permission: 'data:backup' as const };

  app.get(
    '/backups',
    {
      config,
      schema: {
        tags,
        summary: 'The backups kept on the server, newest first, the schedule and the folder they are kept in',
        response: {
          200: z.object({
            items: z.array(BackupDto),
            nextScheduledAt: z.date().nullable(),
            folder: z.string().describe('The absolute path of the backup folder on the server (BACKUP_DIR), to copy the files elsewhere from'),
          }),
        },
      },
    },
    async () => ({ items: await backups.list(), nextScheduledAt: backups.nextScheduledRun(), folder: backups.folder }),
  );
  app.post(
    '/backups',
    { config, schema: { tags, summary: 'Make a consistent backup of the whole database now (the application keeps running)', response: { 201: BackupDto } } },
    async (request, reply) => reply.code(201).send(await backups.create(request.actor)),
  );
  app.get(
    '/backups/:name/download',
    { config, schema: { tags, summary: 'Download a backup (recorded in the audit log)', params: NameParams } },
    async (request, reply) => {
      const file = await backups.fileFor(request.actor, request.params.name);
      return reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="${request.params.name}"`)
        .send(createReadStream(file));
    },
  );
  app.post(
    '/backups/:name/verify',
    { config, schema: { tags, summary: "Read a backup whole and check every table's checksum; the database is not touched", params: NameParams, response: { 200: ReportDto } } },
    async (request) => backups.verify(request.params.name),
  );
  app.post(
    '/backups/:name/restore',
    {
      config,
      schema: {
        tags,
        summary: 'Replace ALL data with the backup, in one transaction (nothing changes if it fails); signed-in people may have to sign in again',
        params: NameParams,
        body: z.strictObject({ confirm: z.string().describe("The backup's name again, to confirm") }),
        response: { 200: z.object({ rows: z.number(), tables: z.number() }) },
      },
    },
    async (request) => {
      if (request.body.confirm !== request.params.name) throw invalidField('body.confirm', 'backup.confirm');
      return backups.restore(request.actor, request.params.name);
    },
  );
  app.delete('/backups/:name', { config, schema: { tags, summary: 'Delete a backup', params: NameParams, response: { 204: z.null() } } }, async (request, reply) => {
    await backups.remove(request.actor, request.params.name);
    return reply.code(204).send(null);
  });
};

import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, notFound } from '#platform/errors.ts';

/** A stored upload is named by the SHA-256 of its bytes: the same file uploaded twice is one file. */
export interface StoredFile {
  fileId: string;
  size: number;
  path: string;
}

const FILE_ID = /^[0-9a-f]{64}$/;

/** Uploaded import files on disk: streamed in with their checksum, never held in memory. */
export class ImportFiles {
  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  async save(body: Readable): Promise<StoredFile> {
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.upload-${randomUUID()}`);
    const hash = createHash('sha256');
    let size = 0;
    const max = this.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > max) return done(new AppError('VALIDATION', 'IMPORT_FILE_TOO_LARGE', 'import.file.too_large', { params: { max: Math.floor(max / 1024 ** 2) } }));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(temp));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    const fileId = hash.digest('hex');
    const path = join(this.dir, fileId);
    await rename(temp, path);
    return { fileId, size, path };
  }

  async get(fileId: string): Promise<StoredFile> {
    if (!FILE_ID.test(fileId)) throw notFound('IMPORT_FILE_NOT_FOUND', 'import.file.not_found');
    const path = join(this.dir, fileId);
    try {
      return { fileId, size: (await stat(path)).size, path };
    } catch {
      throw notFound('IMPORT_FILE_NOT_FOUND', 'import.file.not_found');
    }
  }

  /** Stores a file from disk (the command line): copied, so the original stays where it is. */
  async saveFromPath(path: string): Promise<StoredFile> {
    return this.save(createReadStream(path));
  }
}

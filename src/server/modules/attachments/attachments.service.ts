import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../../context.js';
import type { Trx } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { sha256 } from '../../lib/tokens.js';
import type { AttachmentRow } from './attachments.table.js';
import type { FileStore } from './file-store.js';

/** What people may upload: photos and PDFs, recognised by their bytes, never by their name. */
export const ALLOWED_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/gif', 'application/pdf'] as const;
export const MAX_ATTACHMENTS_PER_REQUEST = 10;

export interface Uploader {
  kind: 'user' | 'contact';
  id: string;
}

export interface AttachmentDto {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}

export const toAttachmentDto = (a: AttachmentRow): AttachmentDto => ({
  id: a.id,
  fileName: a.file_name,
  contentType: a.content_type,
  sizeBytes: a.size_bytes,
  createdAt: a.created_at,
});

/** Photos and documents: checked, stored, then claimed by the request, note or completion that uses them. */
export class AttachmentsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly store: FileStore,
  ) {}

  async upload(companyId: string, uploader: Uploader, file: { fileName: string; data: Buffer }): Promise<AttachmentDto> {
    if (file.data.length === 0) throw invalidField('file', 'is empty');
    const detected = await fileTypeFromBuffer(file.data);
    if (!detected || !(ALLOWED_CONTENT_TYPES as readonly string[]).includes(detected.mime)) {
      throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', `file: only photos (JPEG, PNG, WebP, HEIC, GIF) and PDF documents can be uploaded${detected ? `, not ${detected.mime}` : ''}.`, {
        fields: [{ field: 'file', message: 'is not a photo or a PDF' }],
      });
    }
    const id = newId();
    const row: AttachmentRow = {
      id,
      company_id: companyId,
      job_id: null,
      job_event_id: null,
      uploader_kind: uploader.kind,
      uploader_id: uploader.id,
      file_name: sanitiseFileName(file.fileName, detected.ext),
      content_type: detected.mime,
      size_bytes: file.data.length,
      sha256: sha256(file.data),
      storage_key: `${companyId}/${id}`,
      created_at: this.ctx.clock.now().toISOString(),
    };
    await this.store.put(row.storage_key, file.data);
    await this.ctx.db.insertInto('attachments').values(row).execute();
    return toAttachmentDto(row);
  }

  /**
   * Attaches pending uploads of this uploader to a job's timeline entry, inside the caller's
   * transaction. Any id that is unknown, someone else's or already used fails the whole change.
   */
  async claim(trx: Trx, companyId: string, uploader: Uploader, ids: string[], jobId: string, jobEventId: string, field = 'attachmentIds') {
    if (ids.length === 0) return;
    const unique = [...new Set(ids)];
    if (unique.length > MAX_ATTACHMENTS_PER_REQUEST) throw invalidField(field, `may list at most ${MAX_ATTACHMENTS_PER_REQUEST} files`);
    const result = await trx
      .updateTable('attachments')
      .set({ job_id: jobId, job_event_id: jobEventId })
      .where('company_id', '=', companyId)
      .where('uploader_kind', '=', uploader.kind)
      .where('uploader_id', '=', uploader.id)
      .where('job_id', 'is', null)
      .where('id', 'in', unique)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== unique.length) throw invalidField(field, 'lists a file that does not exist, is not yours or is already attached');
  }

  /** Reads an attachment of a job (scope checked by the caller). */
  async read(companyId: string, jobId: string, attachmentId: string) {
    const row = await this.ctx.db
      .selectFrom('attachments')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('job_id', '=', jobId)
      .where('id', '=', attachmentId)
      .executeTakeFirst();
    if (!row) throw notFound('ATTACHMENT_NOT_FOUND', 'No such file on this job.');
    return { attachment: row, data: await this.store.get(row.storage_key) };
  }

  async listForJob(companyId: string, jobId: string) {
    return this.ctx.db.selectFrom('attachments').selectAll().where('company_id', '=', companyId).where('job_id', '=', jobId).orderBy('created_at').execute();
  }
}

function sanitiseFileName(name: string, ext: string): string {
  const base = name.replace(/[^\p{L}\p{N}._ -]/gu, '_').replace(/^\.+/, '').slice(0, 120) || 'file';
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base.replace(/\.[^.]*$/, '')}.${ext}`;
}

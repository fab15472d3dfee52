import { upload } from '../../../lib/api-client.js';
import type { Attachment } from '../../../lib/api-types.js';

/** Uploads a photo or document; a note claims it by id when it is posted. */
export const uploadFile = (file: File) => upload<Attachment>('/api/uploads', file);

import { upload } from '../../../lib/api-client.js';
import type { Attachment } from '../../../lib/api-types.js';

/** POST /api/uploads: stores one completion photo; the completion then claims it by id. */
export const uploadPhoto = (file: File) => upload<Attachment>('/api/uploads', file);

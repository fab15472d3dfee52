import { upload } from '../../../lib/api-client.js';
import type { Attachment } from '../../../lib/api-types.js';

/** Uploads one photo or PDF for a request not yet sent; the request then lists its id. */
export const uploadRequestFile = (file: File) => upload<Attachment>('/api/portal/uploads', file);

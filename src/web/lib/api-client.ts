/** One place that talks to Arrivo's API: JSON in and out, the error contract turned into ApiError. */

export interface FieldIssue {
  field: string;
  message: string;
}

/** An answer other than 2xx, as the API's error contract describes it: `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { fields?: FieldIssue[]; [key: string]: unknown },
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Validation problems by field name (`location.postalCode` → "is required"), to show next to the field. */
  get fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const issue of this.details?.fields ?? []) result[issue.field] ??= issue.message;
    return result;
  }
}

const NETWORK_ERROR = 'We could not reach the server. Check your connection and try again.';

async function parse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => undefined)) as unknown;
  if (response.ok) return data as T;
  const error = (data as { error?: { code?: string; message?: string; details?: ApiError['details'] } } | undefined)?.error;
  throw new ApiError(response.status, error?.code ?? 'HTTP_ERROR', error?.message ?? response.statusText, error?.details);
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_ERROR);
  }
}

/** Calls the API with an optional JSON body; resolves with the parsed answer, rejects with ApiError. */
export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  return parse<T>(await send(url, init));
}

/** Uploads one file as multipart form data (photos, PDFs); resolves with the API's answer. */
export async function upload<T>(url: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return parse<T>(await send(url, { method: 'POST', body: form, headers: { accept: 'application/json' } }));
}

/** Builds a query string from the defined values only. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

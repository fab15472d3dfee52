import type { FastifyInstance } from 'fastify';

export interface Caller {
  cookie?: string;
  bearer?: string;
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  cookies: { name: string; value: string; path?: string; httpOnly?: boolean; secure?: boolean; sameSite?: string; expires?: Date; maxAge?: number }[];
}

/** One API call through app.inject, as a given caller. */
export async function call<T = any>(app: FastifyInstance, method: string, url: string, options: Caller & { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const response = await app.inject({ method: method as 'GET', url, headers, ...(options.body !== undefined ? { payload: options.body as object } : {}) });
  let body: unknown = response.body;
  if ((response.headers['content-type'] ?? '').toString().includes('application/json')) body = response.json();
  return { status: response.statusCode, body: body as T, headers: response.headers, cookies: response.cookies as Answer['cookies'] };
}

/** A multipart/form-data body with one file part named `file`. */
export function multipartFile(data: Buffer, fileName: string, contentType = 'application/octet-stream') {
  const boundary = `----arrivo${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a file as a caller; returns the answer. */
export async function upload(app: FastifyInstance, url: string, caller: Caller, data: Buffer, fileName: string) {
  const { payload, contentType } = multipartFile(data, fileName);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (caller.cookie) headers.cookie = caller.cookie;
  const response = await app.inject({ method: 'POST', url, headers, payload });
  return { status: response.statusCode, body: response.json() };
}

/** The smallest valid PNG (1×1), for photo uploads. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
/** A minimal PDF header that content sniffing recognises. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

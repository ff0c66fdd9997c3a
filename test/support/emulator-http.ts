/** HTTP plumbing of the emulator: body parsing, route matching, Discord-shaped error and fault replies. */
import type { IncomingMessage } from 'node:http';
import type { FormErrors } from './discord-limits.js';
import type { InteractionHandle } from './emulator-records.js';

/** What a route answers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A file part of a multipart request. */
export interface UploadedFile {
  name: string;
  filename: string;
  size: number;
  contentType: string;
}

/** One request as the route handlers see it. */
export interface Context {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  authorized: boolean;
  /** Set by handlers that resolve an interaction, so a rejection is filed under it. */
  interaction?: InteractionHandle;
  unknownRoute?: boolean;
}

export type Handler = (ctx: Context, params: Record<string, string>) => Reply;

/**
 * A one-shot failure for `failNext`. `retryAfter` is in seconds and may be fractional to keep tests fast. A 403
 * carries a Discord error code, e.g. 50013 Missing Permissions or 50001 Missing Access.
 */
export type Fault =
  | { status: 429; retryAfter: number; global?: boolean }
  | { status: 500 | 502 | 503 }
  | { status: 403; code: number; message?: string };

export const apiError = (status: number, code: number, message: string): Reply => ({
  status,
  body: { message, code },
});
export const formError = (errors: FormErrors): Reply => ({
  status: 400,
  body: { message: 'Invalid Form Body', code: 50035, errors: errors.tree },
});
export const unknownInteraction = () => apiError(404, 10062, 'Unknown interaction');
export const unknownWebhook = () => apiError(404, 10015, 'Unknown Webhook');
export const unknownMessage = () => apiError(404, 10008, 'Unknown Message');
export const emptyMessage = () => apiError(400, 50006, 'Cannot send an empty message');

/** The reply for an injected fault; a 429 carries Discord's body and rate-limit headers. */
export function faultReply(fault: Fault): Reply {
  if (fault.status === 403) return apiError(403, fault.code, fault.message ?? 'Missing Permissions');
  if (fault.status !== 429) return apiError(fault.status, 0, `${fault.status}: Internal Server Error`);
  // Discord rounds Retry-After up to whole seconds; the exact value keeps tests fast and discord.js accepts it.
  const seconds = String(fault.retryAfter);
  return {
    status: 429,
    body: {
      message: 'You are being rate limited.',
      retry_after: fault.retryAfter,
      global: fault.global ?? false,
    },
    headers: {
      'Retry-After': seconds,
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': ((Date.now() + fault.retryAfter * 1000) / 1000).toFixed(3),
      'X-RateLimit-Reset-After': seconds,
      'X-RateLimit-Bucket': 'emulated-bucket',
      'X-RateLimit-Scope': fault.global ? 'global' : 'user',
      ...(fault.global ? { 'X-RateLimit-Global': 'true' } : {}),
    },
  };
}

/** Matches `applications/:app/commands`-style patterns against path segments. */
export function matchRoute(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Parses a JSON body, or a multipart one (`payload_json` plus `files[n]`) as discord.js sends attachments.
 * Throws SyntaxError on malformed JSON.
 */
export function parseBody(
  raw: Buffer,
  contentType: string | undefined,
): { body: unknown; files: UploadedFile[] } {
  if (raw.length === 0) return { body: undefined, files: [] };
  const boundary = /multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  if (!boundary) return { body: JSON.parse(raw.toString('utf8')), files: [] };
  const files: UploadedFile[] = [];
  let body: unknown;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Each part sits between "--boundary\r\n" and "\r\n--boundary", headers and content split by a blank line.
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (filename !== undefined) {
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream';
      files.push({ name, filename, size: content.length, contentType: type });
    } else if (name === 'payload_json') {
      body = JSON.parse(content.toString('utf8'));
    }
    start = next;
  }
  return { body, files };
}

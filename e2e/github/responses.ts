// Writing responses the way GitHub does: JSON with charset, 302 redirects, and the token endpoint's
// three formats chosen by the Accept header.
import type { ServerResponse } from 'node:http';

type Headers = Record<string, string>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'cache-control': 'no-store' });
  res.end();
}

const escapeXml = (value: string) => value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * An access-token endpoint answer. GitHub defaults to `application/x-www-form-urlencoded` and switches to
 * JSON or XML when the Accept header asks; errors use the same formats and still answer 200.
 */
export function sendOAuthFields(res: ServerResponse, accept: string | undefined, fields: Record<string, string>): void {
  const wanted = (accept ?? '').toLowerCase();
  if (wanted.includes('application/json')) {
    sendJson(res, 200, fields);
    return;
  }
  if (wanted.includes('application/xml')) {
    const inner = Object.entries(fields)
      .map(([key, value]) => `<${key}>${escapeXml(value)}</${key}>`)
      .join('');
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' });
    res.end(`<OAuth>${inner}</OAuth>`);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
  res.end(new URLSearchParams(fields).toString());
}

/** GitHub's REST error body, e.g. `{ message: "Requires authentication", documentation_url, status: "401" }`. */
export function sendApiError(res: ServerResponse, status: number, message: string, documentationUrl: string, headers: Headers = {}): void {
  sendJson(res, status, { message, documentation_url: documentationUrl, status: String(status) }, headers);
}

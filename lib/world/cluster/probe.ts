import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';

export type ProbeTls = { caFile: string; certFile: string; keyFile: string } | 'insecure';

/**
 * One GET with a short timeout, resolving to the status and body. `insecure` is for the
 * controller manager's and scheduler's health ports, which serve self-signed certificates.
 */
export function httpGet(url: string, tls?: ProbeTls): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  const options: https.RequestOptions =
    tls === undefined
      ? {}
      : tls === 'insecure'
        ? { rejectUnauthorized: false }
        : { ca: fs.readFileSync(tls.caFile), cert: fs.readFileSync(tls.certFile), key: fs.readFileSync(tls.keyFile) };
  const request = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(target, { ...options, method: 'GET', agent: false, timeout: 2_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** A probe for pollUntil: `true` once the URL answers 200. */
export function answers200(url: string, tls?: ProbeTls): () => Promise<true | undefined> {
  return async () => {
    const res = await httpGet(url, tls);
    if (res.status === 200) return true;
    throw new Error(`GET ${url} answered ${res.status}: ${res.body.slice(0, 500)}`);
  };
}

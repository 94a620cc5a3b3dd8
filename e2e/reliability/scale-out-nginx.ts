import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { tailFile, waitForExit } from '../../lib/runtime/processes';
import type { TlsFiles } from './scale-out-tls';

export interface Nginx {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * nginx as the load balancer in front of the web replicas, configured like the chart's Ingress
 * (deploy/helm/foresail/templates/ingress.yaml): TLS, HSTS, no buffering for server-sent events,
 * long reads, and idempotent requests retried on the next replica when one is gone.
 */
export function nginxConfig(options: { dir: string; port: number; upstreams: number[]; tls: TlsFiles }): string {
  const { dir, port, upstreams, tls } = options;
  return `worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
daemon off;
events { worker_connections 4096; }
http {
  access_log ${path.join(dir, 'access.log')};
  client_body_temp_path ${path.join(dir, 'tmp', 'body')};
  proxy_temp_path ${path.join(dir, 'tmp', 'proxy')};
  fastcgi_temp_path ${path.join(dir, 'tmp', 'fastcgi')};
  uwsgi_temp_path ${path.join(dir, 'tmp', 'uwsgi')};
  scgi_temp_path ${path.join(dir, 'tmp', 'scgi')};
  upstream foresail {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port} ssl http2;
    server_name localhost;
    ssl_certificate ${tls.cert};
    ssl_certificate_key ${tls.key};
    ssl_protocols TLSv1.2 TLSv1.3;
    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
    client_max_body_size 8m;
    location / {
      proxy_pass http://foresail;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_read_timeout 3600s;
      proxy_send_timeout 3600s;
      proxy_connect_timeout 2s;
      # GET/HEAD/… only: nginx never retries a POST unless told to (non_idempotent).
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
    }
  }
}
`;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startNginx(options: { dir: string; port: number; upstreams: number[]; tls: TlsFiles }): Promise<Nginx> {
  const { dir } = options;
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(dir, 'tmp', sub), { recursive: true, mode: 0o777 });
  const conf = path.join(dir, 'nginx.conf');
  // The workers run as the unprivileged `nobody`: their temp folders must be theirs to write.
  fs.writeFileSync(conf, `user nobody nogroup;\n${nginxConfig(options)}`);
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.chmodSync(path.join(dir, 'tmp', sub), 0o777);
  const child: ChildProcess = spawn('nginx', ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'ignore'] });
  const url = `https://localhost:${options.port}`;
  const deadline = Date.now() + 15_000;
  while (!(await accepts(options.port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start:\n${tailFile(path.join(dir, 'error.log'), 20)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port: options.port,
    async stop() {
      child.kill('SIGQUIT');
      if (!(await waitForExit(child, 10_000))) child.kill('SIGKILL');
    },
  };
}

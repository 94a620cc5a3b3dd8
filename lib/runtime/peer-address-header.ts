/**
 * The header in which Foresail's web process records each request's TCP peer (written by the
 * peer-address.ts preload, read by lib/request-meta.ts). No imports: node loads it without a bundler.
 */
export const peerAddressHeader = 'x-foresail-peer-address';

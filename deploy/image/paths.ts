import fs from 'node:fs';
import path from 'node:path';

/** Names shared by the image build (build.ts) and the test that runs the built image. */
export const root = path.resolve(import.meta.dirname, '..', '..');

/** Debian packages the image build and the image test need. */
export const imageTools = ['buildah', 'podman', 'runc', 'debootstrap', 'uidmap', 'fuse-overlayfs'] as const;

const packageJson = () => JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };

export const foresailVersion = () => packageJson().version;
export const nodeVersion = () => packageJson().devDependencies.node ?? 'unknown';
export const imageName = () => `localhost/foresail:${foresailVersion()}`;
export const localNodeImage = () => `localhost/foresail/node:${nodeVersion()}-bookworm-minbase`;
export const imageArchivePath = () => path.join(root, '.foresail', 'image', `foresail-${foresailVersion()}.oci.tar`);

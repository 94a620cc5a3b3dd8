import type { ApplicationDto } from '../../pipeline/application';

/** An application as Spinnaker's Front50/Gate returns it (what spin and Deck read). */
export function front50Application(app: ApplicationDto): Record<string, unknown> {
  return {
    ...app.attributes,
    name: app.name,
    email: app.ownerEmail,
    description: app.description,
    permissions: app.permissions,
    createTs: String(new Date(app.createdAt).getTime()),
    updateTs: String(new Date(app.updatedAt).getTime()),
  };
}

/** Gate's GET /applications/{app}: `{name, attributes, clusters}`; spin prints `attributes`. */
export function gateApplication(app: ApplicationDto): Record<string, unknown> {
  return { name: app.name, attributes: front50Application(app), clusters: {} };
}

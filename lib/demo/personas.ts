/**
 * The demo's people: who a newcomer can sign in as on the demo's sign-in page, and what each may do
 * in goldengoose (whose permissions the demo seed sets: READ viewers, developers, release-managers;
 * WRITE developers; EXECUTE release-managers; judgments by release-managers). Their names, GitHub ids
 * and groups are those of the demo's OpenLDAP seed (lib/world/ldap-seed.ldif; a unit test keeps
 * the two in step), so the same person gets the same roles whichever directory answers.
 * Isomorphic data: no server imports.
 */
export interface DemoPersona {
  /** The person's name in Foresail (the directory's uid). */
  login: string;
  githubId: number;
  name: string;
  /** Their groups in the demo directory (built-in static directory and OpenLDAP seed alike). */
  groups: readonly string[];
  /** In a few words: the kind of person. */
  title: string;
  /** One line: what they may do in goldengoose. */
  summary: string;
}

export const demoPersonas: readonly DemoPersona[] = [
  {
    login: 'alice',
    githubId: 1001,
    name: 'Alice Admin',
    groups: ['admins', 'developers'],
    title: 'Administrator',
    summary: 'May do everything: every application, its permissions, pipelines, runs and judgments.',
  },
  {
    login: 'bob',
    githubId: 1002,
    name: 'Bob Builder',
    groups: ['developers', 'release-managers'],
    title: 'Release manager',
    summary: 'Edits goldengoose’s pipelines, starts them and judges canaries.',
  },
  {
    login: 'dave',
    githubId: 1004,
    name: 'Dave Viewer',
    groups: ['viewers'],
    title: 'Viewer',
    summary: 'Reads goldengoose’s pipelines, executions and canary reports, but cannot start or judge.',
  },
  {
    login: 'carol',
    githubId: 1003,
    name: 'Carol Nogroup',
    groups: [],
    title: 'Nobody in particular',
    summary: 'In no group, so Foresail shows her nothing: access is denied unless a role grants it.',
  },
];

export function findDemoPersona(login: string): DemoPersona | undefined {
  return demoPersonas.find((persona) => persona.login === login);
}

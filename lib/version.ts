import pkg from '../package.json';

export const foresailVersion: string = pkg.version;

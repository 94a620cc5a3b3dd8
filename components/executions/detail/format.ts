export const isoOf = (ms: number) => new Date(ms).toISOString();

import type { KnownStageType } from '@/lib/pipeline/schema/stages';
import { stageCatalog, type StageCatalogEntry } from '@/lib/pipeline/stage-catalog';

// From the catalog (plain data) rather than the zod stage schemas, so the graph and the stage list
// can name stage types without loading zod before the editor is interactive.

/** Every stage type Foresail runs, in the catalog's order (the same as `stageTypes`). */
export const catalogTypes = Object.keys(stageCatalog) as KnownStageType[];

export function catalogEntry(type: string): StageCatalogEntry | undefined {
  return Object.hasOwn(stageCatalog, type) ? stageCatalog[type as KnownStageType] : undefined;
}

export function isCatalogType(type: string): type is KnownStageType {
  return Object.hasOwn(stageCatalog, type);
}

/** "Deploy (Manifest)" for a known type; the type itself (or "No type") otherwise. */
export const typeLabel = (type: string) => catalogEntry(type)?.label ?? (type || 'No type');

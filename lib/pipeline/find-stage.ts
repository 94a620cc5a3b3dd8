/** A stage of an execution by its id or its refId (API paths and Deck accept either). */
export const findStage = <S extends { id: string; refId: string }>(stages: readonly S[], idOrRefId: string): S | undefined => stages.find((s) => s.id === idOrRefId || s.refId === idOrRefId);

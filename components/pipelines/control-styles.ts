/** Shared looks of the editor's inputs (compact versions of components/ui/field). */
export const inputClass =
  'w-full rounded-md border border-line bg-surface px-2.5 text-sm text-fg placeholder:text-muted aria-[invalid=true]:border-danger disabled:cursor-not-allowed disabled:bg-surface-2 disabled:text-muted';
export const textInputClass = `${inputClass} h-8`;
export const textAreaClass = `${inputClass} min-h-20 py-1.5`;
export const monoAreaClass = `${inputClass} min-h-32 py-1.5 font-mono text-xs leading-5`;
export const checkboxClass = 'size-4 rounded border-line accent-accent disabled:cursor-not-allowed';
export const sectionTitleClass = 'text-xs font-semibold uppercase tracking-wide text-muted';

/** Pretty-printed JSON in a scrollable, labelled block (Chromium makes scrollable boxes keyboard-focusable itself). */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <pre aria-label={label} className="max-h-[60vh] overflow-auto rounded-md border border-line bg-surface-2 p-3 font-mono text-xs leading-relaxed">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

'use client';

import { forwardRef, useRef, type TextareaHTMLAttributes } from 'react';
import { cn } from '@/components/ui/cn';

export const LINE_HEIGHT_PX = 20;

/** A plain textarea with a line-number gutter (no editor dependency); lines never wrap so numbers stay aligned. */
export const LineNumberedTextarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement> & { value: string }>(function LineNumberedTextarea({ value, className, onScroll, ...props }, ref) {
  const gutter = useRef<HTMLPreElement>(null);
  const lines = value.split('\n').length;
  const numbers = Array.from({ length: lines }, (_, i) => String(i + 1)).join('\n');
  return (
    <div className={cn('relative flex overflow-hidden rounded-md border border-line bg-surface font-mono text-xs focus-within:outline-2 focus-within:outline-focus', className)}>
      <pre ref={gutter} aria-hidden="true" className="m-0 select-none overflow-hidden border-r border-line bg-surface-2 px-2 py-2 text-right text-muted" style={{ lineHeight: `${LINE_HEIGHT_PX}px` }}>
        {numbers}
      </pre>
      <textarea
        ref={ref}
        value={value}
        wrap="off"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        className="min-h-0 flex-1 resize-none overflow-auto bg-transparent p-2 text-fg outline-none"
        style={{ lineHeight: `${LINE_HEIGHT_PX}px` }}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          onScroll?.(e);
        }}
        {...props}
      />
    </div>
  );
});

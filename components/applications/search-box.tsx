'use client';

import { Search } from 'lucide-react';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';

/** Filters the list through the URL (`?q=`), so a search can be shared and survives reloads. */
export function SearchBox({ initial }: { initial: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [value, setValue] = useState(initial);
  const [isPending, startTransition] = useTransition();
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => {
      const query = value.trim();
      startTransition(() => router.replace(query ? `${pathname}?q=${encodeURIComponent(query)}` : pathname));
    }, 250);
    return () => clearTimeout(timer);
  }, [value, pathname, router]);

  return (
    <div className="relative max-w-sm">
      <Search size={16} aria-hidden="true" className="pointer-events-none absolute left-3 top-1/2 -translate-y-1/2 text-muted" />
      <input
        type="search"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="Search by name, description or owner"
        aria-label="Search applications"
        aria-busy={isPending}
        className="h-9 w-full rounded-md border border-line bg-surface pl-9 pr-3 text-sm placeholder:text-muted"
      />
    </div>
  );
}

import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="text-sm font-semibold text-accent">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-sm text-muted">It may have been deleted, or you may not have access to it.</p>
      <Link href="/applications" className="text-sm font-medium text-accent underline-offset-4 hover:underline">
        Back to applications
      </Link>
    </main>
  );
}

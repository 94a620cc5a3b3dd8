import { NotFoundError } from '@/lib/errors';
import { apiRoute } from '@/lib/http';

// Unknown API paths answer JSON, not Next's HTML 404 page, so clients always get a parseable error.
const notFound = apiRoute<{ path: string[] }>('/api/[...path]', async ({ params }) => {
  throw new NotFoundError(`No API endpoint at /api/${params.path.join('/')}`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };

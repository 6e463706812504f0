import { searchInput, searchOutput } from '@/lib/contracts/search';
import { roleProcedure, router } from './trpc';

// The same readers as the desk (desk.router.ts): vendor staff too, limited to their vendor by the service.
const readers = roleProcedure('admin', 'supervisor', 'agent', 'executive', 'vendor');

export const searchRouter = router({
  // Messages, customers and conversations matching `q` (server/search): up to `limit` of each kind asked for.
  find: readers.input(searchInput).output(searchOutput).query(({ ctx, input }) => ctx.app.search.search(ctx.actor, input)),
});

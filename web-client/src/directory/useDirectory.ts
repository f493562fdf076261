// The consortium directory (institutions, departments, the caller's routes) changes rarely: load
// it once per signed-in user and share it between the pages and forms that need it.
import { useSession } from '../auth/session';
import type { Directory } from '@tiered-care/common';
import { useAsync, type Async } from '../ui/useAsync';
import { api } from '../api/client';

const getDirectory = (signal?: AbortSignal) => api<Directory>('GET', '/api/institutions', { signal });

let cached: { userId: string; directory: Promise<Directory> } | null = null;

export function useDirectory(): Async<Directory> {
  const { user } = useSession();
  const userId = user?.id ?? '';
  return useAsync(async () => {
    if (cached?.userId !== userId) {
      const directory = getDirectory();
      cached = { userId, directory };
      // A failed load must not stay cached: the retry button has to ask again.
      directory.catch(() => {
        if (cached?.directory === directory) cached = null;
      });
    }
    return cached.directory;
  }, [userId]);
}

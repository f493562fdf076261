// referral-api's schema: the numbered SQL files in ../../migrations, applied by the platform's runner.
import { fileURLToPath } from 'node:url';
import { runMigrations, type MigrationResult } from '@tiered-care/platform';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export function migrate(ownerUrl: string): Promise<MigrationResult> {
  return runMigrations(ownerUrl, MIGRATIONS_DIR);
}

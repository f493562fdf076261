import type { DataCrypto, PlatformServices } from '@tiered-care/platform';
import type { Sessions } from './auth/sessions';
import type { Tokens } from './auth/tokens';

/** What handlers need from the outside world; built once per process. */
export interface Services extends PlatformServices {
  tokens: Tokens;
  sessions: Sessions;
  crypto: DataCrypto;
}

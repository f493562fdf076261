// referral-api's route(): its handlers see the whole of its Services (sessions, data encryption),
// not only what the platform needs.
import { defineRoutes, type Route as PlatformRoute } from '@tiered-care/platform';
import type { Services } from '../services';

export const { route } = defineRoutes<Services>();
export type Route = PlatformRoute<Services>;

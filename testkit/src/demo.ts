// The password every demo user has (referral-api's demo data seeds it). Its own module so that
// browser helpers can sign in without loading the app.
export const DEMO_PASSWORD = 'Demo@2026';

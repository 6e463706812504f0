// The demo admin signs in with two-factor sign-in, as every admin must: this published TOTP secret goes in an
// authenticator app (or `npm run demo:totp` prints the current code). A demo secret, like the demo password.
export const DEMO_ADMIN_TOTP_SECRET = 'ALAPDEMOADMINTWOFACTORKEY2345672';

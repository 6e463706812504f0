import { totpCode } from '@/server/auth/totp';
import { demoLogins } from '@/db/seed/demo';
import { DEMO_ADMIN_TOTP_SECRET } from '@/db/seed/demo-secrets';

// `npm run demo:totp`: the demo admin's current two-factor code, for trying the desk without an authenticator app.
const left = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${demoLogins.admin}: ${totpCode(DEMO_ADMIN_TOTP_SECRET)} (good for ${left} more seconds; each code signs in once)`);

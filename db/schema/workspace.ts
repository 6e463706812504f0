import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['admin', 'supervisor', 'agent', 'vendor', 'executive']);
export const presenceStatus = pgEnum('presence_status', ['online', 'away', 'offline']);

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  // Retention (server/privacy): resolved conversations whose last message is older than this many days are
  // anonymised (messages redacted, numbers kept) or deleted by a scheduled job. Null: kept.
  retentionDays: integer('retention_days'),
  retentionAction: text('retention_action').$type<'anonymise' | 'delete'>().notNull().default('anonymise'),
  // Workspace settings (admin console): a logo (a small PNG as a data: URL, re-encoded on upload), the language
  // staff screens start in, and resolving conversations after this many hours without a message (null: never).
  logoDataUrl: text('logo_data_url'),
  defaultLocale: text('default_locale').$type<'en' | 'bn'>().notNull().default('en'),
  autoResolveHours: integer('auto_resolve_hours'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const vendors = pgTable(
  'vendors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('vendors_workspace_slug').on(t.workspaceId, t.slug)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull(),
    // Vendor staff are bound to exactly one vendor; every vendor query filters by it.
    vendorId: uuid('vendor_id').references(() => vendors.id, { onDelete: 'cascade' }),
    avatarUrl: text('avatar_url'),
    presence: presenceStatus('presence').notNull().default('offline'),
    presenceChangedAt: timestamp('presence_changed_at', { withTimezone: true }).notNull().defaultNow(),
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
    // Routing (server/routing): how many open conversations this person takes at once, the languages they
    // answer in ('bn' | 'en' | 'banglish') and their skills (product categories and intents, e.g. 'electronics',
    // 'return_refund') for the skills strategy.
    maxConcurrentChats: integer('max_concurrent_chats').notNull().default(8),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Two-factor sign-in (server/auth/totp.ts): the TOTP secret sealed with the configured keys
    // (server/security/secret-box.ts); enabled once the person has entered a first good code.
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    // The last TOTP time step accepted: a code is good once, even within its 30 s window.
    totpLastStep: integer('totp_last_step'),
    // Lockout: failed sign-ins since the last good one, and until when sign-in is refused.
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_email_lower').on(sql`lower(${t.email})`),
    index('users_workspace').on(t.workspaceId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    // sha256 of the cookie token: a leaked table does not leak live sessions.
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    // Touched at most every few minutes by requests, for the "your sessions" list.
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

// Invitations and password resets (server/admin): a link with a random token (only its hash is kept), for one
// person, until it is used or expires. An invitation creates the account; a reset sets a new password.
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'invite' | 'reset'>().notNull().default('invite'),
    email: text('email').notNull(),
    name: text('name'),
    role: userRole('role').notNull(),
    vendorId: uuid('vendor_id').references(() => vendors.id, { onDelete: 'cascade' }),
    teamIds: uuid('team_ids').array().notNull().default(sql`'{}'::uuid[]`),
    // For a reset: whose password.
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('invitations_token').on(t.tokenHash), index('invitations_workspace').on(t.workspaceId)],
);

// One-time recovery codes for two-factor sign-in, stored as sha256 (they are random, so no slow hash is needed).
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('recovery_codes_user').on(t.userId)],
);

export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    // 'round_robin' | 'load_balanced' | 'skills' (server/routing/strategies.ts).
    routingStrategy: text('routing_strategy').notNull().default('round_robin'),
    // Auto-reassign when the assignee has not answered within this many seconds; null: never.
    reassignAfterSeconds: integer('reassign_after_seconds'),
    // Move a conversation waiting unassigned this long to the overflow team; null: never.
    overflowAfterSeconds: integer('overflow_after_seconds'),
    overflowTeamId: uuid('overflow_team_id').references((): AnyPgColumn => teams.id, { onDelete: 'set null' }),
    // Business hours for this team's SLA clocks (business_calendars); null: the workspace's default calendar.
    calendarId: uuid('calendar_id'),
  },
  (t) => [uniqueIndex('teams_workspace_slug').on(t.workspaceId, t.slug)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user').on(t.userId)],
);

export type BusinessHours = {
  timezone: string;
  // 0 = Sunday … 6 = Saturday; minutes from midnight in the widget's timezone.
  days: { day: number; open: number; close: number }[];
};

export const widgets = pgTable('widgets', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  color: text('color').notNull().default('#0f766e'),
  greetingEn: text('greeting_en').notNull().default('Hi! How can we help?'),
  greetingBn: text('greeting_bn').notNull().default('আসসালামু আলাইকুম! কীভাবে সাহায্য করতে পারি?'),
  prechatEnabled: boolean('prechat_enabled').notNull().default(true),
  identitySecret: text('identity_secret').notNull(),
  verifiedOnly: boolean('verified_only').notNull().default(false),
  businessHours: jsonb('business_hours').$type<BusinessHours | null>(),
  // Opening hours and holidays from a business calendar (server/sla/business-time.ts); when set it replaces
  // business_hours. Outside them the widget shows the offline text and asks how to reach the customer.
  calendarId: uuid('calendar_id'),
  offlineTextEn: text('offline_text_en'),
  offlineTextBn: text('offline_text_bn'),
  // What the pre-chat form asks (when prechat_enabled): a subset of name, phone, email. A name shown is required;
  // of phone and email shown, one is required.
  prechatFields: text('prechat_fields').array().notNull().default(sql`'{name,phone,email}'::text[]`),
  // Whether the models may move a new conversation from the widget's team to the team its first messages are
  // about (server/routing/intent-routing.ts). Off: chats stay in the team the widget names.
  intentRouting: boolean('intent_routing').notNull().default(true),
  defaultTeamId: uuid('default_team_id').references(() => teams.id, { onDelete: 'set null' }),
  allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'::text[]`),
  maxConversationsPerHour: integer('max_conversations_per_hour').notNull().default(10),
  // A proactive message: the greeting, shown beside the closed launcher this many seconds after the page loads
  // (once per browser session, not to customers already in a conversation). Null: none. A running
  // proactive_delay experiment replaces it with the visitor's arm.
  proactiveDelaySeconds: integer('proactive_delay_seconds'),
  // A privacy notice shown in the widget before the customer's first message (null: none), and a link to the
  // shop's privacy policy.
  consentNoticeEn: text('consent_notice_en'),
  consentNoticeBn: text('consent_notice_bn'),
  privacyUrl: text('privacy_url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    shortCode: text('short_code').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    // Language of the reply ('en' | 'bn' | 'banglish'); null: suits any. Reply suggestions prefer the customer's.
    // One short code has a variant per language (the admin console edits English and Bengali side by side); the
    // composer inserts the one in the customer's language.
    lang: text('lang'),
  },
  (t) => [uniqueIndex('canned_workspace_code_lang').on(t.workspaceId, t.shortCode, sql`coalesce(${t.lang}, '')`)],
);

export const labels = pgTable(
  'labels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    color: text('color').notNull().default('#64748b'),
  },
  (t) => [uniqueIndex('labels_workspace_name').on(t.workspaceId, t.name)],
);

// Process-independent settings, e.g. the generated signing secret when SESSION_SECRET is not set, so that
// every node of a deployment signs and verifies with the same key.
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

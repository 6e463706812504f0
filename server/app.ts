import type { Redis } from 'ioredis';
import type { DbHandle } from '@/db/client';
import { type AiActionOptions, AiService, DEFAULT_AI_ACTIONS } from '@/server/ai/ai.service';
import { QualityService } from '@/server/ai/quality.service';
import { SuggestService } from '@/server/ai/suggest.service';
import { AuthService } from '@/server/auth/auth.service';
import { AutomationService } from '@/server/automation/automation.service';
import { ChatService } from '@/server/chat/chat.service';
import { Directory } from '@/server/chat/directory';
import { MessageWriter } from '@/server/chat/message-writer';
import { EventBus } from '@/server/core/event-bus';
import { ExperimentsService } from '@/server/experiments/experiments.service';
import { DeskService } from '@/server/desk/desk.service';
import { NotificationService } from '@/server/notifications/notification.service';
import { PresenceService } from '@/server/presence/presence.service';
import { SearchIndexer } from '@/server/search/indexer';
import { SearchService } from '@/server/search/search.service';
import { QueueService } from '@/server/routing/queue.service';
import { RoutingService } from '@/server/routing/routing.service';
import { SlaService } from '@/server/sla/sla.service';
import { TicketService } from '@/server/tickets/ticket.service';
import { DashboardService } from '@/server/reporting/dashboard.service';
import { ForecastService } from '@/server/reporting/forecast.service';
import { ReportService } from '@/server/reporting/report.service';
import { RevenueService } from '@/server/reporting/revenue.service';
import { ReportingService } from '@/server/reporting/reporting.service';
import { type RateOverrides, RateLimits } from '@/server/security/rate-limit';
import { AuditService } from '@/server/audit/audit.service';
import { PrivacyService } from '@/server/privacy/privacy.service';
import { PeopleService } from '@/server/admin/people.service';
import { TeamsService } from '@/server/admin/teams.service';
import { Mailer } from '@/server/notifications/mailer';
import { AdminWidgetsService } from '@/server/admin/widgets.service';
import { RepliesService } from '@/server/admin/replies.service';
import { VendorsService } from '@/server/admin/vendors.service';
import { WorkspaceSettingsService } from '@/server/admin/workspace.service';
import { SetupService } from '@/server/admin/setup.service';
import { type AttachmentOptions, AttachmentService } from '@/server/files/attachment.service';
import { configureFieldCrypto } from '@/server/security/field-crypto';
import { WidgetService } from '@/server/widget/widget.service';

export type AppOptions = {
  sessionTtlHours: number;
  secret?: string;
  batchWindowMs: number;
  redis?: Redis;
  rateLimitDisabled?: boolean;
  // Sign-in attempts allowed per IP address in 5 minutes (default 20).
  signInLimitPerIp?: number;
  rateLimitOverrides?: RateOverrides;
  // ENCRYPTION_KEYS: versioned AES-256-GCM keys for values kept at rest (server/security/secret-box.ts).
  encryptionKeys?: string;
  // BLIND_INDEX_KEY: the key of the blind indexes for customers' email and phone (server/security/field-crypto.ts).
  blindIndexKey?: string;
  // Failed sign-ins in a row that lock an account, and for how long (default 5 and 15 minutes).
  lockout?: { attempts: number; minutes: number };
  // Admins must sign in with a second factor (ADMIN_2FA_REQUIRED; the server turns it on by default).
  adminTotpRequired?: boolean;
  adapterKind: 'memory' | 'redis';
  cookieSecure: boolean;
  version: string;
  // How often the routing sweep runs (auto-reassign, overflow, queue drain); 0: only on events (tests).
  routingSweepMs?: number;
  // How often idle-conversation automation rules are checked; 0: never (tests call automation.sweepIdle()).
  automationIdleSweepMs?: number;
  // How often due ticket reminders are sent; 0: never (tests call sweepReminders()).
  ticketSweepMs?: number;
  // How often SLA clocks are checked for warnings and breaches; 0: never (tests call sweep()).
  slaSweepMs?: number;
  // How often the search indexer looks for messages to index besides its own node's (server/search/indexer.ts);
  // 0: it does not run at all (tests call searchIndexer.drain() or read the queue through search).
  searchIndexSweepMs?: number;
  // How long reporting events wait to be written in one batch (server/reporting); default 200 ms.
  reportingFlushMs?: number;
  // Conversation files (server/files): where they are kept, their size limit, and clamd's address (unset: no uploads).
  attachments?: Partial<AttachmentOptions>;
  // How often the retention policy is applied (server/privacy); default hourly; 0: never (tests call sweepRetention()).
  privacySweepMs?: number;
  // How often conversations past their workspace's auto-resolve hours are resolved; default 5 min; 0: never.
  autoResolveSweepMs?: number;
  // When set, the first-run wizard asks for it (so only whoever deploys the server can claim it).
  setupToken?: string;
  // Outgoing mail (server/notifications/mailer.ts); unset: none.
  smtp?: { url?: string; from?: string };
  // This server's public address, for links in mail (else the requesting browser's origin).
  publicUrl?: string;
  // Intent routing and sentiment escalation settings (AI_* in server/env.ts); defaults when absent.
  aiActions?: AiActionOptions;
};

/** Wires the domain services together. Used by the server, the tests and the seed. */
export function createApp(handle: DbHandle, opts: AppOptions) {
  const { db } = handle;
  configureFieldCrypto({ encryptionKeys: opts.encryptionKeys, blindIndexKey: opts.blindIndexKey });
  const bus = new EventBus();
  const writer = new MessageWriter(handle, { windowMs: opts.batchWindowMs, maxBatch: 256 });
  const directory = new Directory(db);
  const routing = new RoutingService(db);
  const audit = new AuditService(db);
  const auth = new AuthService(db, { sessionTtlHours: opts.sessionTtlHours, secret: opts.secret, lockout: opts.lockout, adminTotpRequired: opts.adminTotpRequired }, audit);
  const chat = new ChatService(handle, bus, writer, directory, routing);
  // Keeps the queues moving: assigns waiting chats when room frees, auto-reassign, overflow, live positions.
  const queue = new QueueService(db, bus, chat, routing, { sweepMs: opts.routingSweepMs ?? 5000 });
  queue.start();
  // SLA clocks in business hours: warnings, breaches, escalation (server/sla).
  const sla = new SlaService(db, bus, chat, { sweepMs: opts.slaSweepMs ?? 5000 });
  sla.start();
  // Automation rules on new messages, new and resolved conversations; macros (server/automation).
  const notifications = new NotificationService(db, bus);
  const automation = new AutomationService(db, bus, chat, sla, notifications, { idleSweepMs: opts.automationIdleSweepMs ?? 60_000 });
  automation.start();
  // Tickets: chats made tickets, messages left while offline, reminders (server/tickets).
  const tickets = new TicketService(db, bus, chat, routing, notifications, { sweepMs: opts.ticketSweepMs ?? 30_000 });
  tickets.start();
  const experiments = new ExperimentsService(db);
  // Files in conversations: checked, scanned, quarantined until clean (server/files).
  const attachments = new AttachmentService(db, chat, audit, { dir: './.data/attachments', maxBytes: 10 * 1024 * 1024, ...opts.attachments });
  // Privacy requests (export, erase) and the retention policy's sweep (server/privacy).
  const privacy = new PrivacyService(db, { sweepMs: opts.privacySweepMs, files: attachments });
  privacy.start();
  const widget = new WidgetService(db, auth, experiments);
  // The admin console's people: invitations, roles and teams, deactivation, password resets (server/admin).
  const mailer = new Mailer(opts.smtp);
  const people = new PeopleService(db, bus, chat, auth, mailer);
  const teams = new TeamsService(db);
  const widgetAdmin = new AdminWidgetsService(db);
  const replies = new RepliesService(db, bus);
  const vendorAdmin = new VendorsService(db);
  // Workspace settings, and resolving conversations left silent for the workspace's auto-resolve hours.
  const workspaceSettings = new WorkspaceSettingsService(db, chat, { sweepMs: opts.autoResolveSweepMs });
  workspaceSettings.start();
  // The first-run wizard of a deployment without an admin (server/admin/setup.service.ts).
  const setup = new SetupService(db, { setupToken: opts.setupToken });
  const presence = new PresenceService(db, bus);
  const desk = new DeskService(db);
  const rateLimits = new RateLimits({ redis: opts.redis, disabled: opts.rateLimitDisabled, signInPerIp: opts.signInLimitPerIp, overrides: opts.rateLimitOverrides });
  // Annotates customer messages once a classifier is attached (server/main.ts starts the models' worker).
  const ai = new AiService(bus, chat, opts.aiActions ?? DEFAULT_AI_ACTIONS);
  // Scores each conversation when it is resolved (server/ai/quality.ts); needs no model.
  const quality = new QualityService(db, bus);
  quality.start();
  // Reply suggestions for the composer: TF-IDF at once, the encoder once attached (server/main.ts).
  const suggest = new SuggestService(db, bus, chat, { experiments });
  const search = new SearchService(handle);
  // Message bodies reach the search indexes off the write path, when the desk is quiet.
  const searchIndexer = new SearchIndexer(db, bus, { sweepMs: opts.searchIndexSweepMs ?? 5000 });
  if ((opts.searchIndexSweepMs ?? 5000) > 0) searchIndexer.start();
  // Reporting events with their durations, written after delivery in batches (server/reporting).
  const reporting = new ReportingService(db, bus, sla, { flushMs: opts.reportingFlushMs });
  reporting.start();
  // The live dashboard's numbers, recomputed and pushed when they move while someone watches.
  const dashboard = new DashboardService(db, bus);
  dashboard.start();
  const reports = new ReportService(db, chat);
  const forecasts = new ForecastService(db);
  const revenue = new RevenueService(db);
  return { handle, db, audit, privacy, attachments, people, teams, widgetAdmin, replies, vendorAdmin, workspaceSettings, setup, mailer, bus, writer, reporting, dashboard, reports, forecasts, revenue, directory, routing, queue, sla, automation, tickets, auth, chat, widget, presence, desk, rateLimits, ai, notifications, quality, suggest, search, searchIndexer, experiments, opts };
}

export type App = ReturnType<typeof createApp>;

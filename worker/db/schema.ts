// The D1 schema. Times are milliseconds since the epoch (integer), so comparisons are cheap.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at')
    .notNull()
    .default(sql`(unixepoch() * 1000)`);

/** How a response came in: online (own device), kiosk (a venue tablet), assisted (a facilitator typed it
 * with the person), group (a facilitated discussion), paper (typed in from a paper form). */
export const CHANNELS = ['online', 'kiosk', 'assisted', 'group', 'paper'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A strategy framework (countywide strategy, action plan, ...). Frameworks are data, not code. */
export const frameworks = sqliteTable('frameworks', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  source: text('source').notNull(),
});

export const objectives = sqliteTable(
  'objectives',
  {
    id: text('id').primaryKey(), // `${frameworkId}:${code}`
    frameworkId: text('framework_id')
      .notNull()
      .references(() => frameworks.id),
    code: text('code').notNull(),
    section: text('section').notNull(),
    text: text('text').notNull(),
    deliverables: text('deliverables', { mode: 'json' }).$type<string[]>().notNull(),
    position: integer('position').notNull(),
    /** The plain words people use for it (seeds/suggest/): what suggestions match before anyone has tagged. */
    vocabulary: text('vocabulary', { mode: 'json' }).$type<string[]>().notNull().default([]),
  },
  (t) => [uniqueIndex('objectives_framework_code').on(t.frameworkId, t.code)],
);

export const organisations = sqliteTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['provider', 'council', 'health', 'other'] }).notNull(),
  description: text('description').notNull(),
});

export const forms = sqliteTable('forms', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  kind: text('kind', { enum: ['feedback', 'assessment'] }).notNull(),
  status: text('status', { enum: ['draft', 'live', 'closed'] }).notNull(),
  currentVersionId: text('current_version_id'),
  createdAt: createdAt(),
});

/** An immutable form definition. Responses point here, so editing a form never changes old answers. */
export const formVersions = sqliteTable(
  'form_versions',
  {
    id: text('id').primaryKey(),
    formId: text('form_id')
      .notNull()
      .references(() => forms.id),
    version: integer('version').notNull(),
    definition: text('definition').notNull(), // JSON of FormDefinition
    hash: text('hash').notNull(), // sha-256 of the definition, to spot an unchanged re-seed
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('form_versions_form_version').on(t.formId, t.version)],
);

/** A respondent's answers in progress. Keyed by the hash of the opaque token in their cookie. */
export const drafts = sqliteTable(
  'drafts',
  {
    tokenHash: text('token_hash').primaryKey(),
    formVersionId: text('form_version_id')
      .notNull()
      .references(() => formVersions.id),
    answers: text('answers', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    locale: text('locale').notNull(),
    easyRead: integer('easy_read', { mode: 'boolean' }).notNull().default(false),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** Chosen up front, so two racing submits of one draft write the same response row. */
    responseId: text('response_id').notNull(),
    /**
     * Made at submit, and kept in the clear only while a repeated submit (a double tap on a slow
     * connection) must show the same confirmation: the sent draft expires two minutes later.
     */
    withdrawalCode: text('withdrawal_code'),
    /**
     * The page the person is on. Every question page has one address (/f/:slug/question), so a shared
     * browser's history cannot show which branch someone took; the server keeps where they are.
     */
    currentPage: text('current_page'),
    /** True while answering a page reached from "Change" on check answers: Continue goes back there. */
    changing: integer('changing', { mode: 'boolean' }).notNull().default(false),
    submittedAt: integer('submitted_at'),
    /** The facilitated session it was started in (a join code, a kiosk, a facilitator), if any. */
    sessionId: text('session_id'),
    /** How it is being given: the response takes this channel. */
    channel: text('channel', { enum: CHANNELS }).notNull().default('online'),
    /** The facilitator filling it in with or for someone (channel assisted, group or paper). */
    enteredBy: text('entered_by'),
    expiresAt: integer('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('drafts_expires_at').on(t.expiresAt)],
);

/**
 * A submitted response. It says as little as it can about when and by whom: the time is kept to the
 * hour, there is no account, IP or device, and a withdrawal deletes the row (its answers, and all that
 * moderation made of them, go with it) leaving only a row in `withdrawals`.
 */
export const responses = sqliteTable(
  'responses',
  {
    id: text('id').primaryKey(),
    formVersionId: text('form_version_id')
      .notNull()
      .references(() => formVersions.id),
    sessionId: text('session_id'), // facilitated session, when there is one
    channel: text('channel', { enum: CHANNELS }).notNull(),
    locale: text('locale').notNull(),
    /** The start of the hour it was sent in (ms): enough for a live count, too coarse to single anyone out. */
    submittedAt: integer('submitted_at').notNull(),
    /** The keyed hash of the withdrawal code; emptied when the withdrawal window ends. */
    withdrawalKey: text('withdrawal_key'),
    /**
     * The organisation the feedback is about, for reports: the session's organisation, or the answer to
     * a question the form marks as naming the service (`namesService`). Set once, at submit.
     */
    organisationId: text('organisation_id').references(() => organisations.id),
    /**
     * The facilitator who entered it (assisted, group and paper): shown to moderators, who may need to
     * ask them about it, and never read by reports. Not the person who gave it: nobody records that.
     */
    enteredBy: text('entered_by'),
  },
  (t) => [
    index('responses_form_version').on(t.formVersionId, t.submittedAt),
    index('responses_withdrawal_key').on(t.withdrawalKey),
    // Counts by quarter (the staff home page, later the moderation queue) read only this index.
    index('responses_submitted').on(t.submittedAt),
    // The moderation queue's session filter and, later, a session's live count and summary.
    index('responses_session').on(t.sessionId, t.submittedAt),
    index('responses_organisation').on(t.organisationId, t.submittedAt),
  ],
);

/** What is left of a withdrawn response: that it happened, and the day. */
export const withdrawals = sqliteTable(
  'withdrawals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The start of the day (ms, UTC). */
    day: integer('day').notNull(),
    /** The keyed hash of the code, so a repeat says "already withdrawn"; emptied when the window ends. */
    withdrawalKey: text('withdrawal_key'),
    /**
     * Whether the day's audit entry covers it. Withdrawals are audited once a day after the day ends,
     * as a count, so an entry's place among other entries never dates a withdrawal.
     */
    audited: integer('audited', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('withdrawals_withdrawal_key').on(t.withdrawalKey)],
);

export const answers = sqliteTable(
  'answers',
  {
    responseId: text('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    value: text('value', { mode: 'json' }).$type<AnswerValue>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionId] })],
);

/** Append-only: who did what to which thing, when. Never the text of an answer. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actor: text('actor').notNull(), // a user id, or 'respondent' / 'system'
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    detail: text('detail'),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

export type AnswerValue = string | string[];
export type Draft = typeof drafts.$inferSelect;

// ---- Staff: accounts, memberships, sign-in ----

/**
 * A deployment admin runs the whole deployment (organisations, frameworks, forms, retention, every
 * organisation's people); an organisation admin manages the people of their own organisation only.
 */
export const ROLES = ['deployment-admin', 'org-admin', 'facilitator', 'moderator', 'assessor', 'support-worker', 'commissioner'] as const;
export const ADMIN_ROLES = ['deployment-admin', 'org-admin'] as const satisfies readonly (typeof ROLES)[number][];
export type Role = (typeof ROLES)[number];

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(), // stored lower-case
  name: text('name').notNull(),
  /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`; null until an invite is accepted. */
  passwordHash: text('password_hash'),
  status: text('status', { enum: ['invited', 'active', 'disabled'] }).notNull(),
  /** The TOTP secret once a second factor is enrolled, sealed (`sealContext.totpSecret`); older rows may hold plain base32 until a rotation seals them. */
  totpSecret: text('totp_secret'),
  /** The time step of the last code accepted: a code is never accepted twice. */
  totpLastStep: integer('totp_last_step'),
  createdAt: createdAt(),
});

export const memberships = sqliteTable(
  'memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role', { enum: ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId, t.role] })],
);

/** Signed-in sessions, keyed by the hash of the cookie's token. */
export const loginSessions = sqliteTable(
  'login_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    /** The per-session token every staff form carries. */
    csrfToken: text('csrf_token').notNull(),
    /** False between the password and the second factor. */
    complete: integer('complete', { mode: 'boolean' }).notNull(),
    /** The authenticator secret offered while enrolling, sealed: only this one is accepted, never one the browser sends. */
    pendingTotpSecret: text('pending_totp_secret'),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [index('login_sessions_user').on(t.userId)],
);

/** Single-use invite and password-reset links, stored hashed. */
export const accountLinks = sqliteTable('account_links', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id),
  kind: text('kind', { enum: ['invite', 'reset'] }).notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/** Failed sign-ins over a sliding window, counted by keyed hashes of the account, the address and both together. */
export const signInFailures = sqliteTable(
  'sign_in_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('sign_in_failures_key_at').on(t.key, t.at)],
);

export type User = typeof users.$inferSelect;
export type LoginSession = typeof loginSessions.$inferSelect;

// Moderation's tables (excerpts, tags, themes, flags, redactions, notes) live in their own file.
export * from './moderation-schema';
export * from './sessions-schema';
export * from './reports-schema';
export * from './report-rollup-schema';
export * from './suggest-schema';
export * from './second-coding-schema';
export * from './assess-schema';

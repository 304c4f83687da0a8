// The D1 schema. Times are milliseconds since the epoch (integer), so comparisons are cheap.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at')
    .notNull()
    .default(sql`(unixepoch() * 1000)`);

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
    // Kept in the clear only until the draft expires, so a repeated submit shows the same confirmation.
    withdrawalCode: text('withdrawal_code').notNull(),
    submittedAt: integer('submitted_at'),
    expiresAt: integer('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('drafts_expires_at').on(t.expiresAt)],
);

export const responses = sqliteTable(
  'responses',
  {
    id: text('id').primaryKey(),
    formVersionId: text('form_version_id')
      .notNull()
      .references(() => formVersions.id),
    sessionId: text('session_id'), // facilitated session, when there is one
    channel: text('channel', { enum: ['online', 'kiosk', 'assisted', 'paper'] }).notNull(),
    locale: text('locale').notNull(),
    status: text('status', { enum: ['received', 'withdrawn'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    withdrawalCodeHash: text('withdrawal_code_hash').notNull(),
    submittedAt: integer('submitted_at').notNull(),
    withdrawnAt: integer('withdrawn_at'),
  },
  (t) => [
    index('responses_form_version').on(t.formVersionId, t.submittedAt),
    index('responses_withdrawal_code').on(t.withdrawalCodeHash),
    // Counts by status and quarter (the staff home page, later the moderation queue) read only this index.
    index('responses_status_submitted').on(t.status, t.submittedAt),
  ],
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

export const ROLES = ['admin', 'facilitator', 'moderator', 'assessor', 'commissioner'] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(), // stored lower-case
  name: text('name').notNull(),
  /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`; null until an invite is accepted. */
  passwordHash: text('password_hash'),
  status: text('status', { enum: ['invited', 'active', 'disabled'] }).notNull(),
  /** Base32 TOTP secret once a second factor is enrolled. */
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

/** Failed sign-ins, counted per account and per IP (both hashed) over a sliding window. */
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

// The frame of staff pages: the same light, accessible design as public pages, with staff navigation.
import type { ComponentChildren } from 'preact';
import type { Role } from '../db/schema';
import { assetPaths } from './assets';

export interface StaffLayoutProps {
  title: string;
  /** The signed-in person, for the navigation and the sign-out button; absent on sign-in pages. */
  staff?: { id: string; name: string; roles: Role[]; csrf: string };
  hasErrors?: boolean;
  /** Built island scripts (paths from assets.ts) for this page only; the page must work without them. */
  scripts?: string[];
  /** A workspace (the moderation queue and response page) uses the full width of a desktop screen. */
  wide?: boolean;
  /** Extra stylesheets (paths from assets.ts) for this page only. */
  styles?: string[];
  children: ComponentChildren;
}

export function StaffLayout({ title, staff, hasErrors = false, scripts = [], styles = [], wide = false, children }: StaffLayoutProps) {
  const container = wide ? 'govuk-width-container heard-width-container--wide' : 'govuk-width-container';
  return (
    <html lang="en" dir="ltr" class="govuk-template govuk-template--rebranded">
      <head>
        <meta charset="utf-8" />
        <title>{`${hasErrors ? 'Error: ' : ''}${title} – Heard staff`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <link rel="stylesheet" href={assetPaths.staffCss} />
        {styles.map((href) => (
          <link rel="stylesheet" href={href} key={href} />
        ))}
        {scripts.map((src) => (
          <script type="module" src={src} key={src} />
        ))}
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link">
          Skip to main content
        </a>
        <header class="govuk-generic-header">
          <div class={`govuk-generic-header__container ${container}`}>
            <div class="govuk-generic-header__logo">
              <a href={staff ? '/staff' : '/login'} class="govuk-generic-header__homepage-link">
                Heard staff
              </a>
            </div>
          </div>
        </header>
        <div class={container}>
          {staff && (
            <nav class="heard-staff-nav" aria-label="Staff">
              <ul class="govuk-list heard-staff-nav__list">
                <li>
                  <a class="govuk-link" href="/staff">
                    Home
                  </a>
                </li>
                {staff.roles.includes('moderator') && (
                  <li>
                    <a class="govuk-link" href="/moderate">
                      Moderation
                    </a>
                  </li>
                )}
                {staff.roles.includes('facilitator') && (
                  <li>
                    <a class="govuk-link" href="/sessions">
                      Sessions
                    </a>
                  </li>
                )}
                {staff.roles.some((r) => r === 'assessor' || r === 'support-worker') && (
                  <li>
                    <a class="govuk-link" href="/assess">
                      Assessments
                    </a>
                  </li>
                )}
                {staff.roles.some((r) => r !== 'assessor' && r !== 'support-worker') && (
                  <li>
                    <a class="govuk-link" href="/reports">
                      Reports
                    </a>
                  </li>
                )}
                {(staff.roles.includes('moderator') || staff.roles.includes('deployment-admin')) && (
                  <li>
                    <a class="govuk-link" href="/moderate/codebook">
                      Codebook
                    </a>
                  </li>
                )}
                {(staff.roles.includes('moderator') || staff.roles.includes('deployment-admin')) && (
                  <li>
                    <a class="govuk-link" href="/moderate/second-coding">
                      Second coding
                    </a>
                  </li>
                )}
                {staff.roles.includes('moderator') && (
                  <li>
                    <a class="govuk-link" href="/moderate/emerging">
                      Emerging themes
                    </a>
                  </li>
                )}
                {(staff.roles.includes('deployment-admin') || staff.roles.includes('org-admin')) && (
                  <li>
                    <a class="govuk-link" href="/admin">
                      People
                    </a>
                  </li>
                )}
                {staff.roles.includes('deployment-admin') && (
                  <>
                    <li>
                      <a class="govuk-link" href="/admin/organisations">
                        Organisations
                      </a>
                    </li>
                    <li>
                      <a class="govuk-link" href="/admin/audit">
                        Audit log
                      </a>
                    </li>
                    <li>
                      <a class="govuk-link" href="/admin/safeguarding-signals">
                        Safeguarding signals
                      </a>
                    </li>
                    <li>
                      <a class="govuk-link" href="/admin/redaction-terms">
                        Redaction terms
                      </a>
                    </li>
                  </>
                )}
                <li class="heard-staff-nav__account">
                  <span class="govuk-body-s">Signed in as {staff.name}</span>{' '}
                  <form method="post" action="/logout" class="heard-inline-form">
                    <input type="hidden" name="csrf" value={staff.csrf} />
                    <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                      Sign out
                    </button>
                  </form>
                </li>
              </ul>
            </nav>
          )}
          <main class="govuk-main-wrapper" id="main-content">
            {children}
          </main>
        </div>
      </body>
    </html>
  );
}

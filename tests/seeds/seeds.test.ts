// The seed data carries the source documents' frameworks and organisations faithfully.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { seedData } from '../../seeds/index';

describe('seeded frameworks and organisations', () => {
  it('holds every objective 1.1 to 5.6 of the Oxfordshire countywide strategy with its deliverables', async () => {
    const rows = await env.DB.prepare("SELECT code, section, text, deliverables FROM objectives WHERE framework_id = 'oxfordshire-countywide' ORDER BY position").all<{ code: string; section: string; text: string; deliverables: string }>();
    const codes = rows.results.map((r) => r.code);
    const expected = [
      ...['1.1', '1.2', '1.3'],
      ...['2.1', '2.2', '2.3', '2.4', '2.5'],
      ...['3.1', '3.2', '3.3', '3.4'],
      ...['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7'],
      ...['5.1', '5.2', '5.3', '5.4', '5.5', '5.6'],
    ];
    expect(codes).toEqual(expected);
    expect(new Set(rows.results.map((r) => r.section))).toEqual(new Set(['Governance', 'Commissioning', 'Prevention', 'Accommodation', 'Person Centred Approach']));
    for (const r of rows.results) expect(JSON.parse(r.deliverables).length).toBeGreaterThan(0);
    const festival = rows.results.find((r) => r.code === '5.5')!;
    expect(festival.text).toMatch(/^Amplify the voices of individuals with lived experience/);
    expect(JSON.parse(festival.deliverables)).toContain('Complete the LEAF Festival of Feedback to gather insights from individuals');
  });

  it('holds the seven strands of the 2023-26 action plan and the London priorities with their action IDs', async () => {
    const strands = await env.DB.prepare("SELECT count(*) AS n FROM objectives WHERE framework_id = 'oxfordshire-action-plan-2023-26'").first<{ n: number }>();
    expect(strands!.n).toBe(7);
    const london = await env.DB.prepare("SELECT code, section FROM objectives WHERE framework_id = 'city-of-london-2023-27'").all<{ code: string; section: string }>();
    const codes = london.results.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['1.6', '3.14']));
    expect(new Set(london.results.map((r) => r.section.slice(0, 10)))).toEqual(new Set(['Priority 1', 'Priority 2', 'Priority 3', 'Priority 4']));
  });

  it('holds the Alliance providers and the partner councils', async () => {
    const orgs = await env.DB.prepare('SELECT name, kind FROM organisations').all<{ name: string; kind: string }>();
    const names = orgs.results.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['Oxford City Council', 'Cherwell District Council', 'West Oxfordshire District Council', 'South Oxfordshire District Council', 'Vale of White Horse District Council', 'Oxfordshire County Council']));
    expect(orgs.results.filter((o) => o.kind === 'provider').length).toBeGreaterThanOrEqual(4);
    expect(orgs.results.length).toBe(seedData.organisations.length);
  });
});

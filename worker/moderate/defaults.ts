// The seeded default lists, checked by their schemas. Used where no database is at hand
// (the command-line tools on a fresh machine, the tests) and to seed the D1 tables.
import givenNamesJson from '../../seeds/moderation/given-names.json';
import termsJson from '../../seeds/moderation/redaction-terms.json';
import signalsJson from '../../seeds/moderation/safeguarding-signals.json';
import { givenNamesList, redactionTerms, type RedactionLists } from './redaction-terms';
import { safeguardingSignals, type SafeguardingSignal } from './signals';

export const defaultSignals: SafeguardingSignal[] = safeguardingSignals.parse(signalsJson);

export const defaultRedactionLists: RedactionLists = {
  terms: redactionTerms.parse(termsJson),
  givenNames: givenNamesList.parse(givenNamesJson),
};

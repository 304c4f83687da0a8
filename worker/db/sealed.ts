// Where sealed (AES-GCM) values live, and the context each is sealed under. The context is
// authenticated with the value but not stored: a sealed name copied into another person's row, or an
// answer moved to another section, no longer opens. One list, so a key rotation re-seals everything.

export const sealContext = {
  personName: (personId: string) => `person:${personId}:name`,
  personBirthDate: (personId: string) => `person:${personId}:birth-date`,
  section: (assessmentId: string, version: number, sectionId: string) => `assessment:${assessmentId}:${version}:${sectionId}`,
  disputeReason: (disputeId: string) => `dispute:${disputeId}:reason`,
  disputeResolution: (disputeId: string) => `dispute:${disputeId}:resolution`,
  heldSave: (id: string) => `held-save:${id}:fields`,
  totpSecret: (userId: string) => `user:${userId}:totp`,
  pendingTotpSecret: (tokenHash: string) => `login-session:${tokenHash}:totp`,
} as const;

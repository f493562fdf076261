// The app's live notifications as signaling sends them and the web client reads them. Payloads
// carry ids and statuses, never patient data: clients fetch details through the API.

/** A referral changed; sent to its two institutions (a draft to the sender's only). */
export interface ReferralChanged {
  referralId: string;
  action: string;
  status: string;
  version: number;
  fromInstitutionId: string;
  toInstitutionId: string;
  actorUserId: string;
  /** The outbox row's id: the same event heard twice has the same id. */
  eventId: number;
}

/** A consultation changed (invited, opinion, recording, study_shared…); sent to its participants. */
export interface ConsultationChanged {
  consultationId: string;
  action: string;
  status?: string;
  userIds: string[];
  /**
   * Institutions whose staff hear of it too: a request's requesting and receiving institutions
   * (the receiving department's worklist refreshes at once).
   */
  institutionIds?: string[];
  /** Who made the change (their own tabs don't count it as news). */
  actorUserId?: string;
  /** The outbox row's id: the same event heard twice has the same id. */
  eventId: number;
}

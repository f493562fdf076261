// 会诊结论: what the host signs when concluding, rebuilt from the stored row to verify it.
import type { Conclusion } from '@tiered-care/common';

export function conclusionContent(c: {
  consultationId: string;
  conclusion: Conclusion;
  concludedBy: string;
  concludedAt: Date;
}) {
  return {
    kind: 'consultation-conclusion',
    consultationId: c.consultationId,
    diagnosis: c.conclusion.diagnosis,
    recommendation: c.conclusion.recommendation,
    referralAdvice: c.conclusion.referralAdvice ?? 'none',
    concludedBy: c.concludedBy,
    concludedAt: c.concludedAt.toISOString(),
  };
}

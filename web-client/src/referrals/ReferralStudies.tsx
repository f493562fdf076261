// The referral's imaging studies on its page: open one in the viewer (the address keeps it, so a
// link opens the same study), and on the referring side attach more while the referral is open.
import type { Referral, ReferralStatus } from '@tiered-care/common';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/session';
import { RequestDiagnosisButton } from '../diagnosis/RequestDiagnosisButton';
import { StudyBrowser, type StudySelection } from '../imaging/StudyBrowser';

const CLOSED: ReadonlySet<ReferralStatus> = new Set([
  'completed',
  'rejected',
  'cancelled',
  'redirected',
  'no_show',
]);
const CLINICAL = ['doctor', 'specialist', 'coordinator'];
const REQUESTERS = ['doctor', 'specialist'];

export function ReferralStudies({ referral: r }: { referral: Referral }) {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const base = `/api/referrals/${encodeURIComponent(r.id)}/studies`;
  const canAttach =
    user?.institution?.id === r.from.institutionId &&
    user.roles.some((role) => CLINICAL.includes(role)) &&
    !CLOSED.has(r.status);
  // A doctor of either side may send one of the referral's studies to a reading centre.
  const canRequestReading = user?.roles.some((role) => REQUESTERS.includes(role)) ?? false;
  const remember = useCallback(
    (s: StudySelection | null) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (s) next.set('study', s.studyUid);
          else next.delete('study');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return (
    <StudyBrowser
      listUrl={base}
      attachUrl={base}
      canAttach={canAttach}
      initialStudyUid={params.get('study')}
      onSelectionChange={remember}
      studyAction={
        canRequestReading ? (s) => <RequestDiagnosisButton study={s} referralId={r.id} /> : undefined
      }
    />
  );
}

// /referrals/:id — the referral with the actions the caller may take; kept current live.
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useLiveEvent } from '../api/live';
import { usePrefetchStudies } from '../imaging/usePrefetchStudies';
import { useSession } from '../auth/session';
import { referralConsultations } from '../consultations/api';
import { ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { ActionPanel } from './ActionPanel';
import { ReferralStudies } from './ReferralStudies';
import { ReferralView } from './ReferralView';
import { useReferral } from './useReferral';

export default function ReferralDetailPage() {
  const { t } = useTranslation('referrals');
  const { id = '' } = useParams();
  const { referral, error, loading, reload, replace } = useReferral(id);
  // A link to one of its studies: the first picture's requests go out with the referral's own.
  usePrefetchStudies(useSearchParams()[0].get('study'), undefined);
  const navigate = useNavigate();
  // Back to wherever the user came from (worklist, my referrals, check-in); the list otherwise.
  const cameFromApp = useLocation().key !== 'default';
  const { user } = useSession();
  const consultations = useAsync((signal) => referralConsultations(id, signal), [id]);
  useLiveEvent('consultation:changed', consultations.reload);
  const clinician = user?.roles.some((r) => r === 'doctor' || r === 'specialist') ?? false;

  return (
    <div className="stack">
      <nav className="row" aria-label={t('view.back')}>
        <Link
          to="/referrals"
          onClick={(e) => {
            if (!cameFromApp) return;
            e.preventDefault();
            void navigate(-1);
          }}
        >
          ← {t('view.back')}
        </Link>
        {loading && referral && <span className="muted">{t('common:state.loading')}</span>}
        <span className="spacer" />
        {referral && referral.status !== 'draft' && clinician && (
          <Link
            className="button"
            to={`/consultations/new?referralId=${encodeURIComponent(referral.id)}`}
            data-testid="request-consult"
          >
            {t('consultations:referral.request')}
          </Link>
        )}
      </nav>
      {referral ? (
        <>
          {error !== null && <ErrorState error={error} onRetry={reload} />}
          <ReferralView
            referral={referral}
            consultations={consultations.data ?? []}
            actions={<ActionPanel referral={referral} onChanged={replace} onReload={reload} />}
          />
          {/* Images go with the patient: none to list once the care relationship ended. */}
          {referral.patient && <ReferralStudies referral={referral} />}
        </>
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <Loading />
      )}
    </div>
  );
}

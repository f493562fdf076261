// /referrals/:id — the referral with the actions the caller may take; kept current live.
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ErrorState, Loading } from '../ui/states';
import { ActionPanel } from './ActionPanel';
import { ReferralStudies } from './ReferralStudies';
import { ReferralView } from './ReferralView';
import { useReferral } from './useReferral';

export default function ReferralDetailPage() {
  const { t } = useTranslation('referrals');
  const { id = '' } = useParams();
  const { referral, error, loading, reload, replace } = useReferral(id);
  const navigate = useNavigate();
  // Back to wherever the user came from (worklist, my referrals, check-in); the list otherwise.
  const cameFromApp = useLocation().key !== 'default';

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
      </nav>
      {referral ? (
        <>
          {error !== null && <ErrorState error={error} onRetry={reload} />}
          <ReferralView
            referral={referral}
            actions={<ActionPanel referral={referral} onChanged={replace} onReload={reload} />}
          />
          <ReferralStudies referral={referral} />
        </>
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <Loading />
      )}
    </div>
  );
}

// /consultations — 远程会诊: the requests the caller's department received, the ones their
// institution sent, and the caller's own schedule (day or week). Kept current live.
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../auth/session';
import { Tabs } from '../ui/Tabs';
import { RequestList } from './RequestList';
import { ScheduleView } from './ScheduleView';

const TABS = ['incoming', 'outgoing', 'schedule'] as const;
type Tab = (typeof TABS)[number];
const isTab = (s: string | null): s is Tab => TABS.includes(s as Tab);

export default function ConsultationsPage() {
  const { t } = useTranslation('consultations');
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'schedule';
  const clinical =
    user?.roles.some((r) => r === 'doctor' || r === 'specialist' || r === 'coordinator') ?? false;

  return (
    <section className="stack consultations">
      <div className="row">
        <h1>{t('title')}</h1>
        <span className="spacer" />
        {clinical && (
          <Link className="button primary" to="/consultations/new" data-testid="new-consult-request">
            {t('newRequest')}
          </Link>
        )}
      </div>
      <Tabs
        label={t('title')}
        names={TABS}
        current={tab}
        onSelect={(name) => setParams(name === 'schedule' ? {} : { tab: name }, { replace: true })}
        testId="consult-tab"
      >
        {(name) => t(`tabs.${name}`)}
      </Tabs>
      {tab === 'schedule' ? <ScheduleView /> : <RequestList box={tab} />}
    </section>
  );
}

// /diagnosis/reading — 阅片/心电工作台: the reading centre's incoming requests, most urgent first
// (overdue, priority, due time), with counts, filters and claim/release.
// /diagnosis/outgoing — 我的诊断申请: what the caller's institution sent, newest first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../auth/session';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAction } from '../ui/useAction';
import { diagnosisAct, type Box } from './api';
import { ListFilters, type Filters } from './ListFilters';
import { ReadingRow } from './ReadingRow';
import { useDiagnosisList } from './useDiagnosisList';
import '../consultations/consultations.css';
import './diagnosis.css';

export default function DiagnosisListPage({ box }: { box: Box }) {
  const { t } = useTranslation('diagnosis');
  const { user } = useSession();
  const reading = box === 'incoming';
  const [filters, setFilters] = useState<Filters>({
    status: 'all',
    kind: '',
    mine: false,
  });
  const { page, items, cursor, loadMore } = useDiagnosisList(box, {
    status: filters.status === 'all' || filters.status === 'overdue' ? undefined : [filters.status],
    overdue: filters.status === 'overdue',
    kind: filters.kind || undefined,
    mine: filters.mine,
  });
  const action = useAction();
  const act = (id: string, version: number, what: 'claim' | 'release') =>
    void action.run(async () => {
      await diagnosisAct(id, what, { version });
      page.reload();
    });

  return (
    <section
      className="stack diagnosis-list"
      data-testid={reading ? 'reading-worklist' : 'diagnosis-outgoing'}
    >
      <div className="row">
        <h1>{reading ? t('reading.title') : t('outgoing.title')}</h1>
        <span className="spacer" />
        {!reading && (
          <Link className="button primary" to="/diagnosis/new" data-testid="new-diagnosis-request">
            {t('request')}
          </Link>
        )}
      </div>
      <ListFilters value={filters} onChange={setFilters} counts={page.data?.counts ?? {}} reading={reading} />
      {action.failure !== null && <ErrorState error={action.failure} />}
      {page.loading && !page.data ? (
        <Loading />
      ) : page.error ? (
        <ErrorState error={page.error} onRetry={page.reload} />
      ) : items.length === 0 ? (
        <Empty text={reading ? t('reading.none') : t('outgoing.none')} />
      ) : (
        <ul className="request-list">
          {items.map((d) => (
            <ReadingRow
              key={d.id}
              item={d}
              box={box}
              me={user?.id ?? ''}
              busy={action.busy}
              onClaim={() => act(d.id, d.version, 'claim')}
              onRelease={() => act(d.id, d.version, 'release')}
            />
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" onClick={() => void loadMore()} data-testid="diagnosis-more">
          {t('reading.more')}
        </button>
      )}
    </section>
  );
}

// What every referral list shows under its filters: the loading, error and empty states, the
// table, and "load more" for the next cursor page.
import { useTranslation } from 'react-i18next';
import { Empty, ErrorState, Loading } from '../ui/states';
import { ReferralTable } from './ReferralTable';
import type { ReferralList } from './useReferralList';
import './referralList.css';

export function ReferralListBody({
  list,
  box,
  emptyText,
  onOpen,
  selectedId,
}: {
  list: ReferralList;
  box: 'incoming' | 'outgoing';
  emptyText: string;
  onOpen: (id: string) => void;
  selectedId?: string | null;
}) {
  const { t } = useTranslation('referrals');
  return (
    <>
      {list.error !== null && <ErrorState error={list.error} onRetry={list.refresh} />}
      {list.items.length === 0 ? (
        list.loading ? (
          <Loading />
        ) : list.error === null ? (
          <Empty text={emptyText} />
        ) : null
      ) : (
        <>
          <ReferralTable items={list.items} box={box} onOpen={onOpen} selectedId={selectedId ?? null} />
          {list.nextCursor && (
            <button
              type="button"
              className="load-more"
              data-testid="load-more"
              disabled={list.loadingMore}
              onClick={list.loadMore}
            >
              {list.loadingMore ? t('common:state.loading') : t('common:form.loadMore')}
            </button>
          )}
        </>
      )}
    </>
  );
}

// 我的转诊: the caller's institution's outgoing referrals, newest first, kept current live.
import { ReferralStatus } from '@tiered-care/common';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Empty, ErrorState, Loading } from '../ui/states';
import { ReferralTable } from './ReferralTable';
import { useLiveRefresh } from './useLiveRefresh';
import { useReferralList } from './useReferralList';

export default function MyReferralsPage() {
  const { t } = useTranslation('referrals');
  const navigate = useNavigate();
  const [status, setStatus] = useState('');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 350);
    return () => clearTimeout(timer);
  }, [text]);
  const list = useReferralList({
    box: 'outgoing',
    sort: 'newest',
    status: status || undefined,
    q: q || undefined,
  });
  useLiveRefresh(list.refresh);
  const open = (id: string) => void navigate(`/referrals/${id}`);

  return (
    <div className="stack">
      <div className="row page-head">
        <h1>{t('mine.title')}</h1>
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          data-testid="new-referral"
          onClick={() => void navigate('/referrals/new')}
        >
          + {t('mine.new')}
        </button>
      </div>
      <div className="row filters" role="search">
        <label className="inline" htmlFor="mine-status">
          {t('filters.status')}
        </label>
        <select
          id="mine-status"
          data-testid="status-filter"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
        >
          <option value="">{t('filters.allStatuses')}</option>
          {ReferralStatus.options.map((s) => (
            <option key={s} value={s}>
              {t(`common:status.${s}`)}
            </option>
          ))}
        </select>
        <label className="inline" htmlFor="mine-search">
          {t('filters.search')}
        </label>
        <input
          id="mine-search"
          data-testid="referral-search"
          type="search"
          className="search"
          placeholder={t('filters.searchHint')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {list.loading && list.items.length > 0 && <span className="muted">{t('common:state.loading')}</span>}
      </div>
      {list.error !== null && <ErrorState error={list.error} onRetry={list.refresh} />}
      {list.items.length === 0 ? (
        list.loading ? (
          <Loading />
        ) : list.error === null ? (
          <Empty text={q || status ? t('mine.noMatch') : t('mine.none')} />
        ) : null
      ) : (
        <>
          <ReferralTable items={list.items} box="outgoing" onOpen={open} />
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
    </div>
  );
}

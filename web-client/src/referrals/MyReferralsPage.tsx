// 我的转诊: the caller's institution's outgoing referrals, newest first, kept current live.
import { ReferralStatus } from '@tiered-care/common';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ReferralListBody } from './ReferralListBody';
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
      <ReferralListBody
        list={list}
        box="outgoing"
        emptyText={q || status ? t('mine.noMatch') : t('mine.none')}
        onOpen={open}
      />
    </div>
  );
}

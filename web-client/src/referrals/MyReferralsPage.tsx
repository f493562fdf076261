// 我的转诊: the caller's institution's outgoing referrals, newest first, kept current live.
import { ReferralStatus } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSettledText } from '../ui/useSettledText';
import { ListFilters } from './ListFilters';
import { ReferralListBody } from './ReferralListBody';
import { useLiveRefresh } from './useLiveRefresh';
import { useReferralList } from './useReferralList';
import './referralList.css';

export default function MyReferralsPage() {
  const { t } = useTranslation('referrals');
  const navigate = useNavigate();
  const [status, setStatus] = useState('');
  const [text, setText] = useState('');
  const [q] = useSettledText(text);
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
      <ListFilters
        idPrefix="mine"
        select={{
          label: t('filters.status'),
          testId: 'status-filter',
          value: status,
          onChange: setStatus,
          allLabel: t('filters.allStatuses'),
          options: ReferralStatus.options.map((s) => ({ value: s, label: t(`common:status.${s}`) })),
        }}
        search={{ testId: 'referral-search', value: text, onChange: setText }}
        loading={list.loading && list.items.length > 0}
      />
      <ReferralListBody
        list={list}
        box="outgoing"
        emptyText={q || status ? t('mine.noMatch') : t('mine.none')}
        onOpen={open}
      />
    </div>
  );
}

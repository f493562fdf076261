// 转诊工作台: the coordinator's queues as tabs with counts, most urgent first; a drawer for the
// referral at hand. New and changed referrals appear live, without reloading.
import { Priority } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ListFilters } from '../referrals/ListFilters';
import { ReferralListBody } from '../referrals/ReferralListBody';
import { useLiveRefresh } from '../referrals/useLiveRefresh';
import { useReferralList } from '../referrals/useReferralList';
import { todayInShanghai } from '../ui/dates';
import { Tabs } from '../ui/Tabs';
import { useSettledText } from '../ui/useSettledText';
import { ReferralDrawer } from './ReferralDrawer';
import { useTabCounts } from './useTabCounts';
import { isTabName, TAB_NAMES, tabQuery, type TabName } from './worklistTabs';
import './worklist.css';

export default function WorklistPage() {
  const { t } = useTranslation('referrals');
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: TabName = isTabName(tabParam) ? tabParam : 'pending';
  const [priority, setPriority] = useState('');
  const [text, setText] = useState('');
  const [q] = useSettledText(text);
  const [openId, setOpenId] = useState<string | null>(null);
  const today = todayInShanghai();

  const list = useReferralList({
    ...tabQuery(tab, today),
    priority: priority || undefined,
    q: q || undefined,
  });
  const counts = useTabCounts(today);
  const refreshAll = () => {
    list.refresh();
    counts.refresh();
  };
  useLiveRefresh(refreshAll);

  const selectTab = (name: TabName) => {
    setParams(name === 'pending' ? {} : { tab: name }, { replace: true });
  };

  const close = () => {
    const id = openId;
    setOpenId(null);
    // Back to the row it came from, or (when the action moved it off this tab) to the tab.
    const row = id
      ? document.querySelector<HTMLElement>(`[data-testid="referral-row"][data-referral-id="${id}"]`)
      : null;
    (row ?? document.querySelector<HTMLElement>(`[data-testid="worklist-tab-${tab}"]`))?.focus();
  };

  return (
    <div className={openId ? 'stack worklist with-drawer' : 'stack worklist'}>
      <h1>{t('worklist.title')}</h1>
      <Tabs
        label={t('worklist.title')}
        names={TAB_NAMES}
        current={tab}
        onSelect={selectTab}
        testId="worklist-tab"
        tabClass={(name) =>
          name === 'overdue' && counts.counts.overdue && counts.counts.overdue !== '0' ? 'alert' : undefined
        }
      >
        {(name) => (
          <>
            {t(`worklist.tabs.${name}`)}
            <span className="tab-count" data-testid={`worklist-count-${name}`}>
              {counts.counts[name] ?? '…'}
            </span>
          </>
        )}
      </Tabs>
      <ListFilters
        idPrefix="worklist"
        select={{
          label: t('filters.priority'),
          testId: 'priority-filter',
          value: priority,
          onChange: setPriority,
          allLabel: t('filters.allPriorities'),
          options: Priority.options.map((p) => ({ value: p, label: t(`common:priority.${p}`) })),
        }}
        search={{ testId: 'worklist-search', value: text, onChange: setText }}
        loading={list.loading && list.items.length > 0}
      />
      <ReferralListBody
        list={list}
        box={tab === 'sent' ? 'outgoing' : 'incoming'}
        emptyText={q || priority ? t('worklist.noMatch') : t(`worklist.empty.${tab}`)}
        onOpen={setOpenId}
        selectedId={openId}
      />
      {openId && <ReferralDrawer id={openId} onClose={close} onChanged={refreshAll} />}
    </div>
  );
}

// The room's side panel: who is there (always in sight: the host admits from it), and below it
// the chat and the images, one tab at a time.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Tabs } from '../ui/Tabs';
import './sidePanel.css';

export type SideTab = 'chat' | 'images';
const TABS: SideTab[] = ['chat', 'images'];

interface Props {
  people: ReactNode;
  /** "present/invited" beside the heading. */
  headcount: string;
  tab: SideTab;
  onSelect: (tab: SideTab) => void;
  /** Small counts beside the tab names (unread messages). */
  counts: Partial<Record<SideTab, number>>;
  children: ReactNode;
}

export function SidePanel({ people, headcount, tab, onSelect, counts, children }: Props) {
  const { t } = useTranslation('consult');
  return (
    <aside className="consult-side">
      <section className="consult-people" aria-label={t('room.tabs.participants')}>
        <h2>
          {t('room.tabs.participants')} <span className="muted small">{headcount}</span>
        </h2>
        {people}
      </section>
      <Tabs names={TABS} current={tab} onSelect={onSelect} testId="consult-tab">
        {(name) => (
          <>
            {t(`room.tabs.${name}`)}
            {(counts[name] ?? 0) > 0 && <span className="tab-count">{counts[name]}</span>}
          </>
        )}
      </Tabs>
      <div className="consult-side-body" role="tabpanel">
        {children}
      </div>
    </aside>
  );
}

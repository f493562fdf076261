import { useTranslation } from 'react-i18next';
import './referralForm.css';

/** Imaging studies shared with the referral; attached by the imaging feature, read-only here. */
export function StudyList({ uids }: { uids: string[] }) {
  const { t } = useTranslation('referrals');
  return (
    <div className="stack" data-testid="study-list">
      <h3 className="subhead">{t('studies.title')}</h3>
      <p className="muted">{t('studies.readOnly')}</p>
      <ul className="study-list">
        {uids.map((u) => (
          <li key={u}>
            <code>{u}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

// The consult room's title line: what the session is about, the recording mark, who presents the
// shared viewer, and taking control of it.
import { useTranslation } from 'react-i18next';
import { RecordingIndicator } from './RecordingBar';
import type { Consultation } from '@tiered-care/common';
import './room.css';

export function RoomHeader({
  title,
  detail,
  recording,
  presenterUserId,
  presenterName,
  presenting,
  onTakeControl,
}: {
  title: string;
  detail: Consultation;
  recording: boolean;
  presenterUserId: string | null;
  presenterName: string | null;
  presenting: boolean;
  onTakeControl: () => void;
}) {
  const { t } = useTranslation('consult');
  return (
    <header className="consult-head">
      <h1>{title}</h1>
      <CaseSummary detail={detail} />
      <RecordingIndicator active={recording} />
      <span className="spacer" />
      <span className="muted small" data-testid="presenter" data-user-id={presenterUserId ?? ''}>
        {presenting
          ? t('room.viewer.youPresent')
          : presenterName !== null
            ? t('room.viewer.presenter', { name: presenterName })
            : t('room.viewer.nobody')}
      </span>
      {!presenting && (
        <button type="button" data-testid="take-control" onClick={onTakeControl}>
          {t('room.viewer.takeControl')}
        </button>
      )}
    </header>
  );
}

/** Whom and what the session is about, one line under the title (the full question on hover). */
function CaseSummary({ detail }: { detail: Consultation }) {
  const { t } = useTranslation('consult');
  const { t: tc } = useTranslation();
  const p = detail.patient;
  return (
    <span className="muted small case-summary">
      {p
        ? `${p.name} · ${tc(`gender.${p.gender}`, { defaultValue: p.gender })} · ${p.birthDate}`
        : t('room.noPatient')}
      {detail.request?.question && (
        <span data-testid="room-question" title={detail.request.question}>
          {' · '}
          {detail.request.question}
        </span>
      )}
    </span>
  );
}

// One request in a list: priority, kind, patient, who sent it (or where it went), due time or how
// long overdue, status; on the reading worklist a claim (or release) button.
import type { DiagnosisListItem } from '@tiered-care/common';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormat } from '../ui/dates';
import type { Box } from './api';
import { minutesLeft } from './format';
import { CriticalPill, DiagnosisStatusPill, KindPill, OverduePill, PriorityPill } from './pills';

const OPEN = new Set(['requested', 'claimed', 'reported']);

export function ReadingRow({
  item: d,
  box,
  me,
  busy,
  onClaim,
  onRelease,
}: {
  item: DiagnosisListItem;
  box: Box;
  me: string;
  busy: boolean;
  onClaim: () => void;
  onRelease: () => void;
}) {
  const { t } = useTranslation('diagnosis');
  const f = useFormat();
  const navigate = useNavigate();
  const open = () => void navigate(`/diagnosis/${d.id}`);
  const left = minutesLeft(d.dueAt);
  const mineClaimed = d.status === 'claimed' && d.claimedBy?.userId === me;
  return (
    <li
      className={`card request-row reading-row${d.overdue ? ' is-overdue' : ''}${d.critical ? ' is-critical' : ''}`}
      data-testid="reading-row"
      data-request-id={d.id}
      data-status={d.status}
      data-priority={d.priority}
      data-overdue={d.overdue}
      tabIndex={0}
      onClick={open}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) open();
      }}
    >
      <div className="row">
        <PriorityPill priority={d.priority} />
        <KindPill kind={d.kind} />
        <strong>{d.patient?.name ?? t('patientUnavailable')}</strong>
        {d.modality && <span className="muted">{d.modality}</span>}
        <span className="spacer" />
        {d.critical && <CriticalPill />}
        <DiagnosisStatusPill status={d.status} />
        {d.overdue && <OverduePill />}
      </div>
      <div className="row muted">
        <span>
          {box === 'incoming'
            ? `${t('reading.from')}：${d.fromInstitution.name} ${d.requester.displayName}`
            : `${t('outgoing.to')}：${d.toInstitution.name} ${d.toDepartment.name}`}
        </span>
        <span data-testid="reading-due">
          {t('due', { time: f.dateTime(d.dueAt) })}
          {OPEN.has(d.status) &&
            ` · ${left >= 0 ? t('dueIn', { minutes: left }) : t('overdueBy', { minutes: -left })}`}
        </span>
        {d.claimedBy && d.status !== 'requested' && (
          <span>{t('reading.claimedBy', { name: d.claimedBy.displayName })}</span>
        )}
        <span className="spacer" />
        {box === 'incoming' && d.status === 'requested' && (
          <RowButton testId="reading-claim" primary busy={busy} onClick={onClaim}>
            {t('reading.claim')}
          </RowButton>
        )}
        {box === 'incoming' && mineClaimed && (
          <RowButton testId="reading-release" busy={busy} onClick={onRelease}>
            {t('reading.release')}
          </RowButton>
        )}
      </div>
    </li>
  );
}

/** A button inside a clickable row: pressing it does not open the row. */
function RowButton({
  testId,
  primary,
  busy,
  onClick,
  children,
}: {
  testId: string;
  primary?: boolean;
  busy: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={primary ? 'primary' : undefined}
      data-testid={testId}
      disabled={busy}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {children}
    </button>
  );
}

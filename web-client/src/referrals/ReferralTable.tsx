// Referral rows for the outgoing box and the coordinator's worklist. Rows are focusable and open
// with Enter or a click; `selectedId` marks the one shown in a drawer.
import { useTranslation } from 'react-i18next';
import { Table } from '../ui/Table';
import type { WorklistItem } from '@tiered-care/common';
import { ageOf, useFormat } from '../ui/dates';
import { OverduePill, PriorityPill, StatusPill } from './StatusPill';
import './referralList.css';

export function ReferralTable({
  items,
  box,
  onOpen,
  selectedId,
}: {
  items: WorklistItem[];
  /** Which side is the other one: the receiver for outgoing rows, the sender for incoming. */
  box: 'incoming' | 'outgoing';
  onOpen: (id: string) => void;
  selectedId?: string | null;
}) {
  const { t } = useTranslation('referrals');
  const f = useFormat();
  return (
    <Table
      className="referral-table"
      headings={[
        t('table.patient'),
        t('table.diagnosis'),
        box === 'outgoing' ? t('table.to') : t('table.from'),
        t('table.kind'),
        t('table.status'),
        t('table.time'),
      ]}
    >
      {items.map((r) => {
        const age = r.patientBirthDate ? ageOf(r.patientBirthDate) : null;
        return (
          <tr
            key={r.id}
            className={r.id === selectedId ? 'clickable selected' : 'clickable'}
            tabIndex={0}
            data-testid="referral-row"
            data-referral-id={r.id}
            data-status={r.status}
            aria-selected={r.id === selectedId}
            onClick={() => onOpen(r.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                onOpen(r.id);
              }
            }}
          >
            <td>
              {r.patientName === null ? (
                <span className="muted" data-testid="patient-unavailable">
                  {t('patient.unavailable')}
                </span>
              ) : (
                <>
                  <strong>{r.patientName}</strong>
                  <div className="muted small">
                    {t(`common:gender.${r.patientGender ?? 'unknown'}`, {
                      defaultValue: r.patientGender ?? '',
                    })}
                    {age !== null && ` · ${t('patient.age', { count: age })}`}
                  </div>
                </>
              )}
            </td>
            <td>
              {r.diagnosis && (
                <>
                  <code>{r.diagnosis.code}</code> {r.diagnosis.text}
                </>
              )}
              <div className="muted small">{r.referralNo}</div>
            </td>
            <td>
              {box === 'outgoing' ? r.toInstitutionName : r.fromInstitutionName}
              {box === 'outgoing' && r.toDepartmentName && (
                <div className="muted small">{r.toDepartmentName}</div>
              )}
            </td>
            <td>
              <div>
                {t(`common:direction.${r.direction}`)} · {t(`common:type.${r.type}`)}
              </div>
              {r.priority !== 'routine' && <PriorityPill priority={r.priority} />}
            </td>
            <td>
              <StatusPill status={r.status} /> {r.overdue && <OverduePill />}
            </td>
            <td className="small">
              {r.appointmentAt ? (
                <div>{t('table.appointment', { at: f.dateTime(r.appointmentAt) })}</div>
              ) : r.status === 'submitted' && r.decisionDueAt ? (
                <div className={r.overdue ? 'overdue-text' : undefined}>
                  {t('table.due', { at: f.dateTime(r.decisionDueAt) })}
                </div>
              ) : null}
              <div className="muted">
                {t('table.created', { at: f.dateTime(r.submittedAt ?? r.createdAt) })}
              </div>
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
